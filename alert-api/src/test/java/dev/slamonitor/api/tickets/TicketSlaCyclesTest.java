package dev.slamonitor.api.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.json.Json;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ticket detail shows each SLA like Jira Service Management's SLA API (ongoing cycle plus
 * completed cycles), a breached clock of a finished ticket no longer counts further negative, and
 * snapshots written before cycle history still render.
 */
class TicketSlaCyclesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final long MINUTE = 60_000L;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static TicketSnapshot snapshot(List<ClockView> clocks, List<ClockCycleView> cycles, List<SlaEventView> events) {
        return new TicketSnapshot("T-9", "solved", "critical", "L1", null, null, "payments", "email", T0, at(60), null, null,
                0, 0, 0, 0, at(60), "billing", null, 3, "default", 1, clocks, List.of(), List.of(), at(60), cycles, events);
    }

    @Test
    void shouldShowOngoingAndCompletedCyclesAndFreezeTheOverrunOfAStoppedBreach() {
        // given a solved ticket: first response breached at 15m and stopped at the resolution (60m);
        // an update cadence met once and running again
        ClockView firstResponse = new ClockView("first_response", "BREACHED", T0, at(15), null, 15 * MINUTE, 15 * MINUTE,
                "24x7", 1, at(60), 0L);
        ClockView update = new ClockView("customer_update", "RUNNING", at(30), at(150), at(120), 120 * MINUTE, 10 * MINUTE,
                "24x7", 2, null, 0L);
        List<ClockCycleView> cycles = List.of(
                new ClockCycleView("customer_update", 1, "L1", "24x7", at(5), at(30), 120 * MINUTE, 25 * MINUTE, 0, "met",
                        false, null),
                new ClockCycleView("first_response", 1, "L1", "24x7", T0, at(60), 15 * MINUTE, 60 * MINUTE, 0, "breached",
                        true, at(15)));
        List<SlaEventView> events = List.of(new SlaEventView("first_response", 1, "activate", T0, 15 * MINUTE),
                new SlaEventView("first_response", 1, "breach", at(15), 15 * MINUTE),
                new SlaEventView("first_response", 1, "breach_end", at(60), null));

        // when it is viewed a day later
        ObjectNode detail = TicketJson.detail(snapshot(List.of(firstResponse, update), cycles, events), List.of(), Set.of(),
                at(24 * 60));

        // then the breached clock's remaining time is frozen at its stop: -45 minutes, not -23 hours
        JsonNode frClock = detail.get("clocks").get(0);
        assertThat(frClock.get("remainingMillis").asLong()).isEqualTo(-45 * MINUTE);
        assertThat(frClock.get("stoppedAt").asText()).isEqualTo(at(60).toString());
        // and the SLAs list ongoing and completed cycles per clock
        JsonNode fr = detail.get("slas").get(0);
        assertThat(fr.get("name").asText()).isEqualTo("first_response");
        assertThat(fr.has("ongoingCycle")).isFalse();
        assertThat(fr.get("completedCycles")).hasSize(1);
        JsonNode breached = fr.get("completedCycles").get(0);
        assertThat(breached.get("breached").asBoolean()).isTrue();
        assertThat(breached.get("startedAt").asText()).isEqualTo(T0.toString());
        assertThat(breached.get("stoppedAt").asText()).isEqualTo(at(60).toString());
        assertThat(breached.get("breachedAt").asText()).isEqualTo(at(15).toString());
        assertThat(breached.get("remainingMillis").asLong()).isEqualTo(-45 * MINUTE);
        JsonNode cadence = detail.get("slas").get(1);
        assertThat(cadence.get("ongoingCycle").get("cycle").asInt()).isEqualTo(2);
        assertThat(cadence.get("ongoingCycle").get("breached").asBoolean()).isFalse();
        assertThat(cadence.get("ongoingCycle").get("goalMillis").asLong()).isEqualTo(120 * MINUTE);
        assertThat(cadence.get("completedCycles").get(0).get("outcome").asText()).isEqualTo("met");
        assertThat(detail.get("slaEvents")).extracting(e -> e.get("type").asText())
                .containsExactly("activate", "breach", "breach_end");
        assertThat(detail.has("completedCycles")).isFalse();
    }

    @Test
    void shouldKeepCountingABreachThatHasNotStopped() {
        // given an open ticket whose first response breached and is still unanswered
        ClockView open = new ClockView("first_response", "BREACHED", T0, at(15), null, 15 * MINUTE, 15 * MINUTE, "24x7", 1,
                null, 0L);

        // when viewed at 75 minutes
        ObjectNode detail = TicketJson.detail(snapshot(List.of(open), List.of(), List.of()), List.of(), Set.of(), at(75));

        // then it is an ongoing breached cycle, an hour over
        assertThat(detail.get("clocks").get(0).get("remainingMillis").asLong()).isEqualTo(-60 * MINUTE);
        assertThat(detail.get("slas").get(0).get("ongoingCycle").get("breached").asBoolean()).isTrue();
        assertThat(detail.get("slas").get(0).get("ongoingCycle").get("remainingMillis").asLong()).isEqualTo(-60 * MINUTE);
    }

    @Test
    void shouldRenderASnapshotWrittenBeforeCycleHistory() throws Exception {
        // given a snapshot as the state topic held it before (no cycle, stoppedAt, pausedMillis, completedCycles, slaEvents)
        String old = """
                {"ticketId":"T-8","status":"open","severity":"high","tier":"L1","team":"payments","channel":"email",
                 "openedAt":"2026-11-23T09:00:00Z","lastEventAt":"2026-11-23T09:00:00Z","agentReplies":0,"customerReplies":0,
                 "customerRepliesSinceAgentReply":0,"escalations":0,"appliedEvents":1,"policyId":"default","policyVersion":1,
                 "clocks":[{"name":"first_response","state":"RUNNING","startedAt":"2026-11-23T09:00:00Z",
                            "deadline":"2026-11-23T09:30:00Z","targetMillis":1800000,"elapsedBusinessMillis":0,
                            "calendar":"business-hours@UTC"}],
                 "alerts":[],"acks":[],"updatedAt":"2026-11-23T09:00:00Z"}
                """;

        // when it is read as the API reads the state topic and rendered
        TicketSnapshot snapshot = Json.mapper().readValue(old, TicketSnapshot.class);
        ObjectNode detail = TicketJson.detail(snapshot, List.of(), Set.of(), Instant.parse("2026-11-23T09:10:00Z"));

        // then the clock shows as before and its SLA has an ongoing cycle and no completed ones
        assertThat(snapshot.completedCycles()).isNull();
        assertThat(detail.get("clocks").get(0).get("remainingMillis").asLong()).isEqualTo(20 * MINUTE);
        assertThat(detail.get("slas").get(0).get("ongoingCycle").get("startTime").asText()).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(detail.get("slas").get(0).get("completedCycles")).isEmpty();
        assertThat(detail.get("slaEvents")).isEmpty();
    }
}
