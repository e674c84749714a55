package dev.slamonitor.processor.knowledge;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.processor.knowledge.domain.RemediationEventReader;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads remediation events; a malformed one (bad JSON, other action, no evidence, key not the item
 * id) becomes an INVALID_REMEDIATION_EVENT dead letter here, with the remediation-events topic as
 * its source. Well-formed ones go on to the item's tag.
 */
final class RemediationEventParser implements FixedKeyProcessor<String, byte[], Result<TagInput>> {

    /** Exactly one of input or rejection is set. */
    private FixedKeyProcessorContext<String, Result<TagInput>> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Result<TagInput>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RemediationEventReader.Result result = RemediationEventReader.read(record.key(), record.value());
        context.forward(record.withValue(result.isValid()
                ? Result.ok(TagInput.of(result.event(), record.value()))
                : Result.refused(new Rejection(DeadLetterReason.INVALID_REMEDIATION_EVENT,
                        String.join("; ", result.violations()), record.value()))));
    }
}
