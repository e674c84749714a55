package dev.slamonitor.api.tickets;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ticket view as it was before the compact representation (snapshots as objects, a scan per list
 * query), kept as the reference model the compact view is tested against.
 */
final class ReferenceTicketView {

    public static final int MAX_ALERTS_PER_TICKET = 100;

    private final TreeMap<String, TicketSnapshot> tickets = new TreeMap<>();
    private final Map<String, LinkedHashMap<String, Alert>> alertsByTicket = new HashMap<>();
    private final LinkedHashMap<String, Alert> alertsById;

    ReferenceTicketView(int maxAlerts) {
        this.alertsById = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
                return size() > maxAlerts;
            }
        };
    }

    /** Applies a snapshot, or removes the ticket when {@code snapshot} is null (tombstone). */
    public void applySnapshot(String ticketId, TicketSnapshot snapshot) {
        if (snapshot == null) {
            tickets.remove(ticketId);
            LinkedHashMap<String, Alert> gone = alertsByTicket.remove(ticketId);
            if (gone != null) {
                gone.keySet().forEach(alertsById::remove);
            }
            return;
        }
        tickets.put(ticketId, snapshot);
    }

    /** Records an alert; false when this alertId was already seen (a re-emitted alert). */
    public boolean applyAlert(Alert alert) {
        if (alertsById.containsKey(alert.alertId())) {
            return false;
        }
        alertsById.put(alert.alertId(), alert);
        if (alert.ticketId() != null) {
            LinkedHashMap<String, Alert> own = alertsByTicket.computeIfAbsent(alert.ticketId(), k -> new LinkedHashMap<>());
            own.put(alert.alertId(), alert);
            if (own.size() > MAX_ALERTS_PER_TICKET) {
                own.remove(own.keySet().iterator().next());
            }
        }
        return true;
    }

    public Optional<TicketSnapshot> ticket(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    public Collection<Alert> alertsOf(String ticketId) {
        LinkedHashMap<String, Alert> own = alertsByTicket.get(ticketId);
        return own == null ? List.of() : own.values();
    }

    public Optional<Alert> alert(String alertId) {
        return Optional.ofNullable(alertsById.get(alertId));
    }

    public int ticketCount() {
        return tickets.size();
    }

    public Set<TicketState> statesOf(TicketSnapshot t, Instant now) {
        return TicketClassifier.classify(t, alertsOf(t.ticketId()), now);
    }

    /** One page of tickets matching the query at {@code now}, in ticketId order. */
    public TicketPage list(TicketQuery q, Instant now) {
        NavigableMap<String, TicketSnapshot> from = q.afterTicketId() == null ? tickets
                : tickets.tailMap(q.afterTicketId(), false);
        List<TicketPage.Entry> items = new ArrayList<>();
        String last = null;
        for (TicketSnapshot t : from.values()) {
            if (items.size() == q.limit()) {
                return new TicketPage(items, last);
            }
            if (!TicketClassifier.isOpen(t) || !matches(q, t)) {
                continue;
            }
            Set<TicketState> states = statesOf(t, now);
            if (q.states().isEmpty() || states.stream().anyMatch(q.states()::contains)) {
                items.add(new TicketPage.Entry(t, states));
                last = t.ticketId();
            }
        }
        return new TicketPage(items, null);
    }

    /** Open tickets per (state, severity, tier) for the gauges. */
    public Map<TicketView.GaugeKey, Integer> counts(Instant now) {
        Map<TicketView.GaugeKey, Integer> counts = new HashMap<>();
        for (TicketSnapshot t : tickets.values()) {
            for (TicketState s : statesOf(t, now)) {
                counts.merge(new TicketView.GaugeKey(s, t.severity(), t.tier()), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static boolean matches(TicketQuery q, TicketSnapshot t) {
        return in(q.severities(), t.severity()) && in(q.tiers(), t.tier()) && in(q.teams(), t.team())
                && in(q.customers(), t.customer() == null ? null : t.customer().id());
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
