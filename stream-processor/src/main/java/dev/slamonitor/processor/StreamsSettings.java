package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.event.EventTimeWindow;
import dev.slamonitor.processor.ingest.BoundedTimestampExtractor;
import dev.slamonitor.processor.kernel.DeadLetterExceptionHandler;
import dev.slamonitor.processor.kernel.ErrorContainingProcessorWrapper;
import dev.slamonitor.config.KafkaSettingsCheck;
import dev.slamonitor.config.KafkaSettingsCheck.Definitions;
import dev.slamonitor.topic.KafkaClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams properties from configuration: every {@code kafka.*} and {@code streams.*} key,
 * exactly-once v2 unless configured otherwise, and Kafka's dead-letter support (KIP-1034 handler
 * responses) for anything our own refusal paths did not foresee: {@link DeadLetterExceptionHandler}
 * writes those records to our dead-letter topic with our headers and counter, and
 * {@link ErrorContainingProcessorWrapper} brings Errors to it too. Input timestamps are bounded by
 * {@link BoundedTimestampExtractor}.
 *
 * <p>Recovery defaults (each overridable under {@code streams.}; measured in docs/reliability.md):
 * <ul>
 *   <li>{@code num.standby.replicas=1}: a surviving instance keeps a warm copy of every task's state,
 *       so a failover restores only the tail of the changelog instead of all of it (under exactly-once
 *       an unclean stop wipes the local state of the instance that died).</li>
 *   <li>consumer {@code session.timeout.ms=6000}, {@code heartbeat.interval.ms=1500}: a killed or frozen
 *       instance is out of the group after 6 s instead of 45 s (6 s is the broker's default minimum,
 *       {@code group.min.session.timeout.ms}; a broker with a higher minimum needs this raised).</li>
 *   <li>producer {@code transaction.timeout.ms=10000}: a dead instance's open transaction is aborted by
 *       the coordinator within 10 s, so it cannot block the next owner's offset fetch for longer.</li>
 *   <li>restore consumer {@code max.poll.records=5000}: restoration reads the changelog in larger batches.</li>
 * </ul>
 */
public final class StreamsSettings {

    private static final List<String> STATIC_MEMBERSHIP_KEYS = List.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));

    /** Deprecated in Kafka 4.4 (its constant too) because 5.0 makes it the default; until then it must be set. */
    private static final String GLOBAL_HANDLER_ENABLED = "processing.exception.handler.global.enabled";

    private StreamsSettings() {
    }

    /**
     * Kafka's definitions for {@code streams.*}: Streams' own, and the clients' behind the prefixes
     * Streams hands on to them ({@code producer.}, {@code main.consumer.} ...).
     */
    private static final List<Definitions> DEFINITIONS = List.of(
            new Definitions("", List.of(StreamsConfig.configDef(), ProducerConfig.configDef(), ConsumerConfig.configDef(),
                    AdminClientConfig.configDef())),
            new Definitions(StreamsConfig.PRODUCER_PREFIX, List.of(ProducerConfig.configDef())),
            new Definitions(StreamsConfig.CONSUMER_PREFIX, List.of(ConsumerConfig.configDef())),
            new Definitions(StreamsConfig.MAIN_CONSUMER_PREFIX, List.of(ConsumerConfig.configDef())),
            new Definitions(StreamsConfig.RESTORE_CONSUMER_PREFIX, List.of(ConsumerConfig.configDef())),
            new Definitions(StreamsConfig.GLOBAL_CONSUMER_PREFIX, List.of(ConsumerConfig.configDef())),
            new Definitions(StreamsConfig.ADMIN_CLIENT_PREFIX, List.of(AdminClientConfig.configDef())));

    /** Defaults for recovery, applied unless configured (see the class comment). */
    static final Map<String, String> RECOVERY_DEFAULTS = Map.of(
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1",
            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000",
            StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1500",
            StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "10000",
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "5000");

    public static Properties from(AppConfig config) {
        Properties props = new Properties();
        props.putAll(KafkaClientConfig.common(config));
        KafkaSettingsCheck.check(config, "streams.", DEFINITIONS);
        props.putAll(config.withPrefix("streams."));
        RECOVERY_DEFAULTS.forEach(props::putIfAbsent);
        String guarantee = props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee)) {
            config.problem(config.invalid("streams.processing.guarantee", StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE));
        }
        // The partition assignor rebuilds a StreamsConfig from the main consumer's properties, which carry
        // only consumer keys, and would warn that the global-thread handler is off although it is on.
        Object globalHandler = props.get(GLOBAL_HANDLER_ENABLED);
        if (globalHandler != null) {
            props.putIfAbsent(StreamsConfig.mainConsumerPrefix(GLOBAL_HANDLER_ENABLED), globalHandler);
        }
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.string("topic.dead.letters"));
        // any failure on one record, Errors included (see ErrorContainingProcessorWrapper), is a dead letter
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, ErrorContainingProcessorWrapper.class.getName());
        props.putIfAbsent(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, BoundedTimestampExtractor.class.getName());
        props.put(BoundedTimestampExtractor.SKEW_MS_KEY, Long.toString(EventTimeWindow.from(config).maxClockSkew().toMillis()));
        return props;
    }

    /**
     * What a normal close does with the group membership. Without static membership the instance
     * leaves the group, because the broker would otherwise keep its partitions assigned to a dead
     * member until {@code session.timeout.ms} (45 s) runs out, and nothing is processed meanwhile.
     * With static membership ({@code group.instance.id}, also under the {@code consumer.} or
     * {@code main.consumer.} prefix) it deliberately remains: a leave would remove the static member
     * and cost the very rebalance static membership exists to avoid on a rolling restart.
     */
    public static CloseOptions.GroupMembershipOperation groupMembershipOnClose(Properties props) {
        boolean staticMember = STATIC_MEMBERSHIP_KEYS.stream().anyMatch(k -> !props.getProperty(k, "").isBlank());
        return staticMember ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }
}
