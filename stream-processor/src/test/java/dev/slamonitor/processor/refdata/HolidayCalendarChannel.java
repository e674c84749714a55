package dev.slamonitor.processor.refdata;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.TopologyEnv;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Example binding of a new document kind (a holiday calendar per region), kept in the tests as the
 * proof that a document type needs only this: a reader, the key rule, the version, the tombstone
 * policy. A production binding would add its own dead-letter reason and topic settings.
 */
final class HolidayCalendarChannel {

    static final String TOPIC = "holiday-calendars";
    static final DocumentChannel<HolidayCalendar> CHANNEL = new DocumentChannel<>(
            DocumentKind.builder("holiday-calendar", "holiday calendar", DeadLetterReason.SCHEMA_VIOLATION,
                            HolidayCalendar::read)
                    .key(HolidayCalendar::region).version(HolidayCalendar::version)
                    .tombstones(TombstonePolicy.WITHDRAW).build());

    private HolidayCalendarChannel() {
    }

    static void addTo(StreamsBuilder builder, TopologyEnv env) {
        CHANNEL.addTo(builder, env, TOPIC, TOPIC + DocumentChannel.VALID_SUFFIX);
    }
}
