package dev.slamonitor.processor.sla.model;

import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.processor.sla.domain.ApplyResult;
import dev.slamonitor.processor.sla.domain.ClockKind;
import dev.slamonitor.processor.sla.domain.PolicyReader;
import dev.slamonitor.processor.sla.domain.SlaClock;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TicketEventApplier;
import dev.slamonitor.processor.sla.domain.TicketRetention;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one history through the pure engine ({@link TicketEventApplier} + {@link SlaEngine}) the way
 * the ticket processor does: events de-duplicated by id, timers fired when the ticket's wake-up is
 * at or before a punctuation, acknowledgements of the ranked root alert.
 */
public final class EngineRunner {

    public static final SlaPolicy POLICY = policy();
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));

    /** The engine's verdict on a history and every alert it emitted (to compare with the topology). */
    public record Run(ModelResult result, List<Alert> alerts) {
    }

    private EngineRunner() {
    }

    private static SlaPolicy policy() {
        Result<SlaPolicy> read = new PolicyReader().read(PropertyPolicy.json().getBytes(StandardCharsets.UTF_8));
        if (!read.isOk()) {
            throw new IllegalStateException("property policy invalid: " + read.detail());
        }
        return read.value();
    }

    public static Run run(History h, List<Instant> punctuations) {
        Ticket ticket = null;
        SlaState state = null;
        Set<String> seen = new HashSet<>();
        List<Alert> alerts = new ArrayList<>();
        int next = 0;
        for (Instant p : punctuations) {
            if (p.isBefore(h.start()) || p.isAfter(h.end())) {
                continue;
            }
            if (state != null && state.wakeAt() != null && !state.wakeAt().isAfter(p)) {
                SlaEngine.Outcome o = SlaEngine.onTimer(state, ticket, POLICY, RETENTION, p);
                state = o.state();
                alerts.addAll(o.alerts());
            }
            while (next < h.steps().size() && !h.steps().get(next).wall().isAfter(p)) {
                History.Step s = h.steps().get(next++);
                if (s.isAck()) {
                    if (state == null) {
                        continue;
                    }
                    String alertId = rankedRoot(alerts, s.ackRank());
                    if (alertId != null) {
                        state = SlaEngine.onAck(state, ticket, POLICY,
                                new AlertAck("ack-" + alertId, alertId, h.ticketId(), "model", null, p), RETENTION, p).state();
                    }
                    continue;
                }
                if (!seen.add(s.event().eventId())) {
                    continue;
                }
                ApplyResult applied = TicketEventApplier.apply(ticket, s.event());
                if (!applied.isApplied()) {
                    continue;
                }
                SlaEngine.Outcome o = SlaEngine.onEvent(state, ticket, applied.ticket(), s.event(), POLICY, RETENTION, p);
                ticket = applied.ticket();
                state = o.state();
                alerts.addAll(o.alerts());
            }
        }
        return new Run(new ModelResult(describe(alerts), clocks(state)), alerts);
    }

    /** The root alert (BREACH or ESCALATION) of the given rank in (deadline, type, clock) order; null if fewer. */
    public static String rankedRoot(List<Alert> alerts, int rank) {
        List<Alert> roots = new ArrayList<>(alerts.stream()
                .filter(a -> a.state() == dev.slamonitor.alert.AlertState.TRIGGERED)
                .filter(a -> a.type() == AlertType.BREACH || a.type() == AlertType.ESCALATION).toList());
        roots.sort(Comparator.comparing(Alert::deadline).thenComparing(a -> a.type().name()).thenComparing(Alert::clock));
        return rank < roots.size() ? roots.get(rank).alertId() : null;
    }

    /**
     * The notices (triggers and re-notifications) the model predicts. Lifecycle records (ACKNOWLEDGED,
     * RESOLVED) are not modelled; the engine-versus-topology comparison still covers them.
     */
    public static List<String> describe(List<Alert> alerts) {
        List<String> out = new ArrayList<>();
        for (Alert a : alerts) {
            if (isSlaClock(a.clock()) && a.state() == dev.slamonitor.alert.AlertState.TRIGGERED) {
                out.add(a.type() + " " + a.clock() + " " + a.deadline() + " L" + a.level());
            }
        }
        out.sort(null);
        return out;
    }

    /** Alerts of the six SLA clocks (other features' alerts share the topic). */
    public static boolean isSlaClock(String clock) {
        for (ClockKind k : ClockKind.values()) {
            if (k.wire().equals(clock)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> clocks(SlaState state) {
        Map<String, String> out = new TreeMap<>();
        if (state == null) {
            return out;
        }
        for (Map.Entry<ClockKind, SlaClock> e : state.clocks().entrySet()) {
            SlaClock c = e.getValue();
            out.put(e.getKey().wire(), c.state() + " " + c.startedAt() + " " + (c.deadline() == null ? "-" : c.deadline()));
        }
        return out;
    }
}
