package dev.slamonitor.processor;

import static org.assertj.core.api.Assertions.assertThat;

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
}
