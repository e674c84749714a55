package dev.slamonitor.processor.kernel;

import dev.slamonitor.deadletter.DeadLetterReason;

/**
 * A record some processor refused, on its way to the dead-letter topic. The source topic, partition
 * and offset are added by the dead-letter sink from the record context, so producers of rejections
 * only say why.
 *
 * @param value the original bytes (or the accepted event re-serialized, for refusals after parsing)
 */
public record Rejection(DeadLetterReason reason, String detail, byte[] value) {
}
