package dev.slamonitor.api.tickets;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides which list states a ticket is in at a given instant, from its snapshot and the alerts seen
 * for it. Pure. Deadlines are compared with {@code now}, so a ticket shows as breached the moment its
 * deadline passes, even before the processor's BREACH alert reaches this instance. Closed or solved
 * tickets are in no state.
 */
public final class TicketClassifier {

    private static final Set<String> DONE_CLOCK = Set.of("SATISFIED", "STOPPED");

    private TicketClassifier() {
    }

    public static Set<TicketState> classify(TicketSnapshot t, Collection<Alert> alerts, Instant now) {
        EnumSet<TicketState> states = EnumSet.noneOf(TicketState.class);
        if (!isOpen(t)) {
            return states;
        }
        boolean breached = false;
        boolean warned = false;
        for (ClockView c : t.clocks() == null ? java.util.List.<ClockView>of() : t.clocks()) {
            boolean running = "RUNNING".equals(c.state());
            breached |= "BREACHED".equals(c.state()) || running && c.deadline() != null && !c.deadline().isAfter(now);
            warned |= running && c.warnAt() != null && !c.warnAt().isAfter(now);
        }
        // a condition that ended (its key resolved) no longer makes the ticket breached or at risk
        Set<String> ended = new java.util.HashSet<>();
        for (Alert a : alerts) {
            if (a.state() == dev.slamonitor.alert.AlertState.RESOLVED) {
                ended.add(a.alertKey());
            }
        }
        for (Alert a : alerts) {
            if (!a.notifies() || ended.contains(a.alertKey())) {
                continue;
            }
            boolean live = a.clock() == null || clockLive(t, a.clock());
            breached |= a.type() == AlertType.BREACH && live;
            warned |= a.type() == AlertType.WARNING && live;
        }
        if (breached) {
            states.add(TicketState.BREACHED);
        } else if (warned) {
            states.add(TicketState.AT_RISK);
        }
        boolean escalatedAlert = alerts.stream().anyMatch(a -> a.type() == AlertType.ESCALATION);
        if (t.escalations() > 0 || (t.tier() != null && !"L1".equals(t.tier())) || escalatedAlert) {
            states.add(TicketState.ESCALATED);
        }
        return states;
    }

    public static boolean isOpen(TicketSnapshot t) {
        return t.resolvedAt() == null && !"solved".equals(t.status()) && !"closed".equals(t.status());
    }

    private static boolean clockLive(TicketSnapshot t, String clock) {
        if (t.clocks() == null) {
            return true;
        }
        return t.clocks().stream().filter(c -> clock.equals(c.name())).noneMatch(c -> DONE_CLOCK.contains(c.state()));
    }

    /**
     * The next instant after {@code now} at which {@link #classify} can answer differently without a
     * new snapshot or alert: a running clock's warning point or deadline passing; null when none.
     */
    public static Instant nextChange(TicketSnapshot t, Instant now) {
        Instant next = null;
        for (ClockView c : t.clocks() == null ? java.util.List.<ClockView>of() : t.clocks()) {
            if ("RUNNING".equals(c.state())) {
                next = earliestAfter(next, c.deadline(), now);
                next = earliestAfter(next, c.warnAt(), now);
            }
        }
        return next;
    }

    private static Instant earliestAfter(Instant current, Instant candidate, Instant now) {
        if (candidate == null || !candidate.isAfter(now)) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
