package dev.slamonitor.standalone.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.standalone.webhook.DemoWebhookTally.Channel;
import dev.slamonitor.standalone.webhook.DemoWebhookTally.Received;
import dev.slamonitor.standalone.webhook.DemoWebhookTally.Verdict;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoWebhookTallyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void shouldRefuseExactlyEveryNthRequest() {
        // given a tally that refuses every third request
        DemoWebhookTally tally = new DemoWebhookTally(3, 10);

        // when nine requests come in
        var refused = IntStream.rangeClosed(1, 9).filter(i -> tally.nextRequestFails()).boxed().toList();

        // then requests 3, 6 and 9 were refused
        assertThat(refused).containsExactly(3, 6, 9);
        assertThat(tally.snapshot().refusedOnPurpose()).isEqualTo(3);
        assertThat(tally.snapshot().requests()).isEqualTo(9);
    }

    @Test
    void shouldNeverRefuseWhenFailEveryIsZero() {
        DemoWebhookTally tally = new DemoWebhookTally(0, 10);

        assertThat(IntStream.range(0, 100).filter(i -> tally.nextRequestFails()).count()).isZero();
    }

    @Test
    void shouldCountAnAlertOnceAndAnotherDeliveryOfItAsADuplicate() {
        // given
        DemoWebhookTally tally = new DemoWebhookTally(0, 10);

        // when the same alert id arrives twice and another alert once
        Verdict first = tally.accept(new Received("a-1", "BREACH", "T-1", Channel.JSON, NOW));
        Verdict again = tally.accept(new Received("a-1", "BREACH", "T-1", Channel.JSON, NOW));
        tally.accept(new Received("a-2", "ESCALATION", null, Channel.SLACK, NOW));

        // then
        assertThat(first).isEqualTo(Verdict.ACCEPTED);
        assertThat(again).isEqualTo(Verdict.DUPLICATE);
        var snapshot = tally.snapshot();
        assertThat(snapshot.distinctAlerts()).isEqualTo(2);
        assertThat(snapshot.duplicates()).isEqualTo(1);
        assertThat(snapshot.accepted()).containsEntry(Channel.JSON, 1L).containsEntry(Channel.SLACK, 1L);
        assertThat(snapshot.byType()).containsEntry("BREACH", 1L).containsEntry("ESCALATION", 1L);
        assertThat(snapshot.recent()).extracting(Received::alertId).containsExactly("a-2", "a-1");
    }

    @Test
    void shouldCountOneAlertOnceOnEachChannelItIsRoutedTo() {
        // given an alert routed to both the Slack and the JSON receiver
        DemoWebhookTally tally = new DemoWebhookTally(0, 10);

        // when it arrives once on each channel
        Verdict slack = tally.accept(new Received("a-1", "BREACH", null, Channel.SLACK, NOW));
        Verdict json = tally.accept(new Received("a-1", "BREACH", "T-1", Channel.JSON, NOW));

        // then neither is a duplicate
        assertThat(slack).isEqualTo(Verdict.ACCEPTED);
        assertThat(json).isEqualTo(Verdict.ACCEPTED);
        assertThat(tally.snapshot().duplicates()).isZero();
    }

    @Test
    void shouldForgetTheOldestAlertIdsBeyondItsCapacity() {
        // given a tally remembering two ids
        DemoWebhookTally tally = new DemoWebhookTally(0, 2);
        tally.accept(new Received("a-1", "BREACH", null, Channel.JSON, NOW));
        tally.accept(new Received("a-2", "BREACH", null, Channel.JSON, NOW));
        tally.accept(new Received("a-3", "BREACH", null, Channel.JSON, NOW));

        // when the forgotten first id comes again, then it is taken as new
        assertThat(tally.accept(new Received("a-1", "BREACH", null, Channel.JSON, NOW))).isEqualTo(Verdict.ACCEPTED);
        assertThat(tally.accept(new Received("a-3", "BREACH", null, Channel.JSON, NOW))).isEqualTo(Verdict.DUPLICATE);
    }
}
