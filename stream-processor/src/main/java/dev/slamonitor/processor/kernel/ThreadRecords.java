package dev.slamonitor.processor.kernel;

import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * How many records the current stream thread has processed, from Kafka Streams' own thread metric
 * ({@code stream-thread-metrics process-total}, all tasks of the thread). Local and always fresh: the
 * timer punctuation uses it to tell whether records were waiting, without asking the brokers.
 */
final class ThreadRecords {

    /** No count known (for example a test driver without thread metrics): callers assume records wait. */
    static final LongSupplier UNKNOWN = () -> -1;

    private static final String GROUP = "stream-thread-metrics";
    private static final String NAME = "process-total";

    private ThreadRecords() {
    }

    /** Resolved once from the processor's context on its stream thread (a task never changes thread). */
    static LongSupplier of(ProcessorContext<?, ?> context) {
        String thread = Thread.currentThread().getName();
        Map<MetricName, ? extends Metric> metrics = context.metrics().metrics();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group()) && thread.equals(name.tags().get("thread-id"))) {
                Metric metric = entry.getValue();
                return () -> metric.metricValue() instanceof Number n ? n.longValue() : -1;
            }
        }
        return UNKNOWN;
    }
}
