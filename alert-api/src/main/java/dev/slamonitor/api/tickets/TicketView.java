package dev.slamonitor.api.tickets;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * This instance's in-memory view of live ticket state: the latest snapshot per ticket from the
 * compacted state topic, and the alerts seen on the alerts topic, by ticket and by alertId.
 *
 * <p>Compact: each ticket is one byte array ({@link TicketCodec}: pooled low-cardinality strings,
 * instants as epoch seconds and nanoseconds) decoded only when a request shows it, and its alerts are
 * kept as their JSON bytes ({@link TicketAlerts}). Lists are answered from {@link TicketIndex}: the
 * states of every open ticket are kept current as time passes (a ticket's states change by themselves
 * only when a running clock's warning point or deadline passes, so those instants are queued), and a
 * query walks the smallest matching index in ticketId order.
 *
 * <p>Invariants: not thread-safe, owned by one Vert.x context (the HTTP verticle's event loop), fed
 * in topic order; a snapshot tombstone removes the ticket and its alerts; an alertId is stored once
 * (re-emitted alerts are recognised); memory is bounded by {@link #MAX_ALERTS_PER_TICKET} and
 * {@code maxAlerts} (oldest alerts are forgotten first). Every answer equals what classifying every
 * ticket at the query's {@code now} would give; a {@code now} earlier than the last one re-indexes
 * the states from scratch.
 */
public final class TicketView {

    public static final int MAX_ALERTS_PER_TICKET = 100;
    private static final int POOL_CAPACITY = 200_000;

    /**
     * One ticket: its encoded snapshot and what the indexes hold for it (keys null when not open);
     * {@code ownId} when the snapshot's ticketId is its key, as the processor writes it.
     */
    private static final class Entry {
        private final byte[] snapshot;
        private final TicketIndex.Keys keys;
        private final boolean ownId;
        private byte states;
        private TicketIndex.Due due;

        private Entry(byte[] snapshot, TicketIndex.Keys keys, boolean ownId) {
            this.snapshot = snapshot;
            this.keys = keys;
            this.ownId = ownId;
        }

        private EnumSet<TicketState> states() {
            return TicketState.fromBits(states);
        }

        private void states(Set<TicketState> set) {
            states = TicketState.bits(set);
        }
    }

    private final StringPool pool = new StringPool(POOL_CAPACITY);
    private final TicketCodec codec = new TicketCodec(pool);
    private final TreeMap<String, Entry> tickets = new TreeMap<>();
    private final Map<String, TicketAlerts> alertsByTicket = new HashMap<>();
    /** Keys of the rare snapshots whose ticketId is not their key, by that ticketId (their alerts' key). */
    private final Map<String, Set<String>> foreignIds = new HashMap<>();
    private final LinkedHashMap<String, Alert> alertsById;
    private final TicketIndex index = new TicketIndex();
    private final Clock clock;
    private Instant indexedAt;

    public TicketView(int maxAlerts) {
        this(maxAlerts, Clock.systemUTC());
    }

    /** {@code clock} gives the instant updates are indexed at (the routes' clock). */
    public TicketView(int maxAlerts, Clock clock) {
        this.clock = clock;
        this.alertsById = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
                return size() > maxAlerts;
            }
        };
    }

    /** Applies a snapshot, or removes the ticket when {@code snapshot} is null (tombstone). */
    public void applySnapshot(String ticketId, TicketSnapshot snapshot) {
        Entry old = tickets.remove(ticketId);
        if (old != null && old.keys != null) {
            index.remove(ticketId, old.keys, old.states(), old.due);
        }
        if (old != null && !old.ownId) {
            foreignIds.values().forEach(keys -> keys.remove(ticketId));
            foreignIds.values().removeIf(Set::isEmpty);
        }
        if (snapshot == null) {
            TicketAlerts gone = alertsByTicket.remove(ticketId);
            if (gone != null) {
                gone.ids().forEach(alertsById::remove);
            }
            return;
        }
        String id = ticketId;
        boolean ownId = id.equals(snapshot.ticketId());
        if (!ownId) {
            foreignIds.computeIfAbsent(snapshot.ticketId(), k -> new java.util.TreeSet<>()).add(id);
        }
        TicketIndex.Keys keys = TicketClassifier.isOpen(snapshot) ? new TicketIndex.Keys(pool.canonical(snapshot.severity()),
                pool.canonical(snapshot.tier()), pool.canonical(snapshot.team()),
                snapshot.customer() == null ? null : pool.canonical(snapshot.customer().id())) : null;
        Entry entry = new Entry(codec.encode(id, snapshot), keys, ownId);
        tickets.put(id, entry);
        if (keys != null) {
            Instant now = indexNow();
            Set<TicketState> states = TicketClassifier.classify(snapshot, alertsOf(snapshot.ticketId()), now);
            entry.states(states);
            entry.due = due(id, snapshot, now);
            index.add(id, keys, states, entry.due);
        }
    }

    /** Records an alert; false when this alertId was already seen (a re-emitted alert). */
    public boolean applyAlert(Alert alert) {
        if (alertsById.containsKey(alert.alertId())) {
            return false;
        }
        alertsById.put(alert.alertId(), alert);
        if (alert.ticketId() != null) {
            alertsByTicket.computeIfAbsent(alert.ticketId(), k -> new TicketAlerts()).put(alert, MAX_ALERTS_PER_TICKET);
            // the alerts count toward the states of the tickets whose snapshot names this ticketId
            Instant now = indexNow();
            Entry entry = tickets.get(alert.ticketId());
            if (entry != null && entry.ownId && entry.keys != null) {
                reindex(alert.ticketId(), entry, now);
            }
            for (String key : foreignIds.getOrDefault(alert.ticketId(), Set.of())) {
                Entry other = tickets.get(key);
                if (other.keys != null) {
                    reindex(key, other, now);
                }
            }
        }
        return true;
    }

    public Optional<TicketSnapshot> ticket(String ticketId) {
        Entry entry = tickets.get(ticketId);
        return entry == null ? Optional.empty() : Optional.of(codec.decode(ticketId, entry.snapshot));
    }

    public Collection<Alert> alertsOf(String ticketId) {
        TicketAlerts own = alertsByTicket.get(ticketId);
        return own == null ? List.of() : own.alerts();
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
        advance(now);
        List<TicketPage.Entry> items = new ArrayList<>();
        String lastKey = null;
        for (Iterator<String> it = index.candidates(q); it.hasNext() && items.size() < q.limit(); ) {
            String id = it.next();
            Entry e = tickets.get(id);
            if (matches(q, e)) {
                items.add(new TicketPage.Entry(codec.decode(id, e.snapshot), e.states()));
                lastKey = id;
            }
        }
        // as a scan of every ticket would: a cursor (the last item's ticketId) when the page is full
        // and any ticket follows it
        boolean more = items.size() == q.limit() && lastKey != null && tickets.higherKey(lastKey) != null;
        return new TicketPage(items, more ? items.get(items.size() - 1).snapshot().ticketId() : null);
    }

    /** Open tickets per (state, severity, tier) for the gauges. */
    public Map<GaugeKey, Integer> counts(Instant now) {
        advance(now);
        return new HashMap<>(index.counts());
    }

    /** Labels of one gauge series. */
    public record GaugeKey(TicketState state, String severity, String tier) {
    }

    private static boolean matches(TicketQuery q, Entry e) {
        TicketIndex.Keys k = e.keys;
        return in(q.severities(), k.severity()) && in(q.tiers(), k.tier()) && in(q.teams(), k.team())
                && in(q.customers(), k.customer())
                && (q.states().isEmpty() || e.states().stream().anyMatch(q.states()::contains));
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || value != null && wanted.contains(value);
    }

    /** The instant updates are indexed at: the clock's, never before the last query's. */
    private Instant indexNow() {
        Instant now = clock.instant();
        if (indexedAt == null || now.isAfter(indexedAt)) {
            advance(now);
        }
        return indexedAt;
    }

    /** Brings every open ticket's states to {@code now}: the queued changes up to it, or all after a step back. */
    private void advance(Instant now) {
        if (indexedAt != null && now.isBefore(indexedAt)) {
            rebuild(now);
            return;
        }
        indexedAt = now;
        for (TicketIndex.Due d : index.takeDue(now)) {
            Entry e = tickets.get(d.ticketId());
            if (e != null && d.equals(e.due)) {
                e.due = null;
                reindex(d.ticketId(), e, now);
            }
        }
    }

    private void rebuild(Instant now) {
        indexedAt = now;
        index.clear();
        tickets.forEach((id, e) -> {
            if (e.keys != null) {
                TicketSnapshot s = codec.decode(id, e.snapshot);
                Set<TicketState> states = TicketClassifier.classify(s, alertsOf(s.ticketId()), now);
                e.states(states);
                e.due = due(id, s, now);
                index.add(id, e.keys, states, e.due);
            }
        });
    }

    private void reindex(String id, Entry e, Instant now) {
        TicketSnapshot s = codec.decode(id, e.snapshot);
        Set<TicketState> states = TicketClassifier.classify(s, alertsOf(s.ticketId()), now);
        TicketIndex.Due due = due(id, s, now);
        index.restate(id, e.keys, e.states(), states, e.due, due);
        e.states(states);
        e.due = due;
    }

    private static TicketIndex.Due due(String id, TicketSnapshot s, Instant now) {
        Instant next = TicketClassifier.nextChange(s, now);
        return next == null ? null : TicketIndex.Due.at(next, id);
    }
}
