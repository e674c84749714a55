package dev.slamonitor.api.tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secondary indexes of the ticket view, over open tickets only: ticketIds in order per list state,
 * severity, tier, team and customer (plus all open tickets), the gauge counts per (state, severity,
 * tier), and the instants at which a ticket's states change by themselves (a warning point or a
 * deadline of a running clock passing). A list query walks the smallest matching index in ticketId
 * order instead of every ticket. Not thread-safe; owned by the view.
 */
final class TicketIndex {

    /** What the index knows of one open ticket (the canonical strings are shared with the index keys). */
    record Keys(String severity, String tier, String team, String customer) {
    }

    /** A pending change of one ticket's states at {@code seconds}/{@code nanos}. */
    record Due(long seconds, int nanos, String ticketId) implements Comparable<Due> {
        static Due at(Instant t, String ticketId) {
            return new Due(t.getEpochSecond(), t.getNano(), ticketId);
        }

        boolean notAfter(Instant now) {
            return seconds < now.getEpochSecond() || seconds == now.getEpochSecond() && nanos <= now.getNano();
        }

        @Override
        public int compareTo(Due o) {
            int c = Long.compare(seconds, o.seconds);
            if (c == 0) {
                c = Integer.compare(nanos, o.nanos);
            }
            return c != 0 ? c : ticketId.compareTo(o.ticketId);
        }
    }

    private final TreeSet<String> open = new TreeSet<>();
    private final Map<TicketState, TreeSet<String>> byState = new EnumMap<>(TicketState.class);
    private final Map<String, TreeSet<String>> bySeverity = new HashMap<>();
    private final Map<String, TreeSet<String>> byTier = new HashMap<>();
    private final Map<String, TreeSet<String>> byTeam = new HashMap<>();
    private final Map<String, TreeSet<String>> byCustomer = new HashMap<>();
    private final Map<TicketView.GaugeKey, Integer> counts = new HashMap<>();
    private final TreeSet<Due> dues = new TreeSet<>();

    void add(String id, Keys keys, Set<TicketState> states, Due due) {
        open.add(id);
        put(bySeverity, keys.severity(), id);
        put(byTier, keys.tier(), id);
        put(byTeam, keys.team(), id);
        put(byCustomer, keys.customer(), id);
        states(id, keys, states);
        if (due != null) {
            dues.add(due);
        }
    }

    void remove(String id, Keys keys, Set<TicketState> states, Due due) {
        open.remove(id);
        take(bySeverity, keys.severity(), id);
        take(byTier, keys.tier(), id);
        take(byTeam, keys.team(), id);
        take(byCustomer, keys.customer(), id);
        unstate(id, keys, states);
        if (due != null) {
            dues.remove(due);
        }
    }

    /** Moves an open ticket from {@code before} to {@code after} states and to its next due change. */
    void restate(String id, Keys keys, Set<TicketState> before, Set<TicketState> after, Due oldDue, Due newDue) {
        if (!before.equals(after)) {
            unstate(id, keys, before);
            states(id, keys, after);
        }
        if (oldDue != null && !oldDue.equals(newDue)) {
            dues.remove(oldDue);
        }
        if (newDue != null) {
            dues.add(newDue);
        }
    }

    /** Removes and returns the due changes at or before {@code now}, earliest first. */
    List<Due> takeDue(Instant now) {
        List<Due> out = new ArrayList<>();
        while (!dues.isEmpty() && dues.first().notAfter(now)) {
            out.add(dues.pollFirst());
        }
        return out;
    }

    Map<TicketView.GaugeKey, Integer> counts() {
        return counts;
    }

    void clear() {
        open.clear();
        byState.clear();
        bySeverity.clear();
        byTier.clear();
        byTeam.clear();
        byCustomer.clear();
        counts.clear();
        dues.clear();
    }

    /**
     * Open tickets after {@code after} in ticketId order, from the smallest index among the given
     * filters (empty filters do not restrict); the caller still checks every filter.
     */
    Iterator<String> candidates(TicketQuery q) {
        List<NavigableSet<String>> best = List.of(open);
        long bestSize = open.size();
        for (List<NavigableSet<String>> choice : filtered(q)) {
            long size = choice.stream().mapToLong(set -> set == null ? 0 : set.size()).sum();
            if (size < bestSize) {
                best = choice;
                bestSize = size;
            }
        }
        List<Iterator<String>> its = new ArrayList<>();
        for (NavigableSet<String> set : best) {
            if (set != null) {
                its.add((q.afterTicketId() == null ? set : set.tailSet(q.afterTicketId(), false)).iterator());
            }
        }
        return merged(its);
    }

    /** Per non-empty filter of {@code q}, the index sets of its values (null where no ticket has one). */
    private List<List<NavigableSet<String>>> filtered(TicketQuery q) {
        List<List<NavigableSet<String>>> out = new ArrayList<>();
        if (!q.states().isEmpty()) {
            out.add(q.states().stream().<NavigableSet<String>>map(byState::get).toList());
        }
        for (Map.Entry<Map<String, TreeSet<String>>, Set<String>> f : List.of(Map.entry(bySeverity, q.severities()),
                Map.entry(byTier, q.tiers()), Map.entry(byTeam, q.teams()), Map.entry(byCustomer, q.customers()))) {
            if (!f.getValue().isEmpty()) {
                out.add(sets(f.getKey(), f.getValue()));
            }
        }
        return out;
    }

    private static List<NavigableSet<String>> sets(Map<String, TreeSet<String>> index, Collection<String> values) {
        List<NavigableSet<String>> out = new ArrayList<>();
        values.forEach(v -> out.add(index.get(v)));
        return out;
    }

    /** The union of sorted iterators, in order, each id once. */
    private static Iterator<String> merged(List<Iterator<String>> its) {
        if (its.size() == 1) {
            return its.get(0);
        }
        record Head(String id, Iterator<String> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.id().compareTo(b.id()));
        its.forEach(it -> {
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        });
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public String next() {
                if (heads.isEmpty()) {
                    throw new NoSuchElementException();
                }
                String id = heads.peek().id();
                while (!heads.isEmpty() && heads.peek().id().equals(id)) {
                    Head h = heads.poll();
                    if (h.rest().hasNext()) {
                        heads.add(new Head(h.rest().next(), h.rest()));
                    }
                }
                return id;
            }
        };
    }

    private void states(String id, Keys keys, Set<TicketState> states) {
        for (TicketState s : states) {
            byState.computeIfAbsent(s, k -> new TreeSet<>()).add(id);
            counts.merge(new TicketView.GaugeKey(s, keys.severity(), keys.tier()), 1, Integer::sum);
        }
    }

    private void unstate(String id, Keys keys, Set<TicketState> states) {
        for (TicketState s : states) {
            TreeSet<String> set = byState.get(s);
            if (set != null) {
                set.remove(id);
            }
            counts.computeIfPresent(new TicketView.GaugeKey(s, keys.severity(), keys.tier()), (k, n) -> n == 1 ? null : n - 1);
        }
    }

    private static void put(Map<String, TreeSet<String>> index, String key, String id) {
        index.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
    }

    private static void take(Map<String, TreeSet<String>> index, String key, String id) {
        TreeSet<String> set = index.get(key);
        if (set != null) {
            set.remove(id);
            if (set.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
