package dev.slamonitor.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.config.AppConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void shouldLeaveTheGroupOnCloseWhenMembershipIsDynamic() {
        // given no group.instance.id
        Properties props = new Properties();
        props.put("application.id", "app");

        // when / then
        assertThat(StreamsSettings.groupMembershipOnClose(props)).isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
    }

    @Test
    void shouldRemainInTheGroupOnCloseWhenMembershipIsStaticUnderAnyPrefix() {
        for (String key : new String[] {"group.instance.id", "consumer.group.instance.id", "main.consumer.group.instance.id"}) {
            // given a static member id under one of the keys Kafka Streams reads
            Properties props = new Properties();
            props.put(key, "processor-1");

            // when / then
            assertThat(StreamsSettings.groupMembershipOnClose(props)).as(key).isEqualTo(GroupMembershipOperation.REMAIN_IN_GROUP);
        }
    }

    @Test
    void shouldDefaultToFastRecoveryButKeepWhatIsConfigured() {
        // given no recovery settings, then an explicit standby count
        Properties defaults = StreamsSettings.from(AppConfig.load(Map.of()));
        Properties configured = StreamsSettings.from(AppConfig.load(Map.of()).with(Map.of("streams.num.standby.replicas", "0")));

        // then the defaults are standby 1, 6 s session, 10 s transaction timeout; configuration wins
        assertThat(defaults.getProperty("num.standby.replicas")).isEqualTo("1");
        assertThat(defaults.getProperty("consumer.session.timeout.ms")).isEqualTo("6000");
        assertThat(defaults.getProperty("producer.transaction.timeout.ms")).isEqualTo("10000");
        assertThat(configured.getProperty("num.standby.replicas")).isEqualTo("0");
    }
}
