package dev.slamonitor.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private static Alert breach(String ticket, String severity, int minute) {
        return new Alert(Alert.idOf("breach", ticket), AlertType.BREACH, ticket, null, "first_response", T0,
                T0.plusSeconds(60L * minute), 0, severity, "L1", "payments", "C-1", null, "first_response_deadline",
                "breached", "default", 1, Map.of());
    }

    @Test
    void shouldFollowAKeyFromTriggerThroughAckToResolveAndIgnoreRedeliveries() {
        AlertBook book = new AlertBook(100);
        Alert b = breach("T-1", "critical", 0);
        Alert renotify = new Alert(Alert.idOf("renotify", 1), AlertType.RENOTIFY, "T-1", null, "first_response", T0,
                T0.plusSeconds(900), 1, "critical", "L1", "payments", "C-1", null, "first_response_deadline", "again",
                "default", 1, Map.of()).withKey(b.alertKey());

        book.apply(b);
        book.apply(renotify);
        book.apply(b.acknowledged("pagerduty", T0.plusSeconds(960), "acked"));
        book.apply(renotify); // redelivered
        book.apply(b.resolved("clock_satisfied", T0.plusSeconds(1200), "resolved"));
        book.apply(b.acknowledged("pagerduty", T0.plusSeconds(960), "acked")); // late duplicate

        AlertBook.Entry e = book.get(b.alertKey()).orElseThrow();
        assertThat(e.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(e.history()).extracting(AlertBook.Step::state, AlertBook.Step::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.TRIGGERED, 0),
                org.assertj.core.groups.Tuple.tuple(AlertState.TRIGGERED, 1),
                org.assertj.core.groups.Tuple.tuple(AlertState.ACKNOWLEDGED, 0),
                org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, 0));
        assertThat(e.history().get(2).by()).isEqualTo("pagerduty");
        assertThat(AlertBookRoutes.json(e, true).get("state").asText()).isEqualTo("resolved");
        assertThat(AlertBookRoutes.json(e, true).get("acknowledgedBy").asText()).isEqualTo("pagerduty");
        assertThat(AlertBookRoutes.json(e, true).get("history").get(1).get("event").asText()).isEqualTo("renotified");
    }

    @Test
    void shouldListByStateAndFiltersWithACursorThatPagesInFirstNoticeOrder() {
        AlertBook book = new AlertBook(100);
        for (int i = 0; i < 5; i++) {
            book.apply(breach("T-" + i, i % 2 == 0 ? "critical" : "low", i));
        }
        Alert done = breach("T-9", "critical", 9);
        book.apply(done);
        book.apply(done.resolved("ticket_finished", T0.plusSeconds(600), "x"));

        AlertBook.Page first = book.list(EnumSet.of(AlertState.TRIGGERED), Set.of("critical"), Set.of(), Set.of(), 2, null);
        AlertBook.Page second = book.list(EnumSet.of(AlertState.TRIGGERED), Set.of("critical"), Set.of(), Set.of(), 2,
                first.nextAfter());

        assertThat(first.items()).extracting(e -> e.notice().ticketId()).containsExactly("T-0", "T-2");
        assertThat(second.items()).extracting(e -> e.notice().ticketId()).containsExactly("T-4");
        assertThat(second.nextAfter()).isNull();
        assertThat(book.list(EnumSet.of(AlertState.RESOLVED), Set.of(), Set.of(), Set.of(), 10, null).items())
                .extracting(e -> e.notice().ticketId()).containsExactly("T-9");
    }

    @Test
    void shouldForgetResolvedKeysFirstWhenFull() {
        AlertBook book = new AlertBook(3);
        Alert old = breach("T-old", "high", 0);
        book.apply(old);
        book.apply(old.resolved("ticket_finished", T0.plusSeconds(60), "x"));
        book.apply(breach("T-1", "high", 1));
        book.apply(breach("T-2", "high", 2));
        book.apply(breach("T-3", "high", 3));

        assertThat(book.size()).isEqualTo(3);
        assertThat(book.get(old.alertKey())).isEmpty();
        assertThat(book.list(EnumSet.allOf(AlertState.class), Set.of(), Set.of(), Set.of(), 10, null).items()).hasSize(3);
        assertThat(List.of(book.get(breach("T-1", "high", 1).alertKey()).isPresent())).containsExactly(true);
    }
}
