package dev.slamonitor.processor.knowledge.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Sliding-window counts of distinct tickets over a bucket's occurrences (event time). A ticket
 * resolved twice with the same cause in one window counts once: repeats are about different tickets.
 * Pure; each method is linear in the occurrences given.
 */
public final class WindowCounter {

    private WindowCounter() {
    }

    /** Distinct tickets in {@code [endMs - lengthMs, endMs]}. */
    public static WindowCount at(List<Occurrence> occurrences, long endMs, long lengthMs) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        sorted(occurrences).stream()
                .filter(o -> o.atMs() >= endMs - lengthMs && o.atMs() <= endMs)
                .forEach(o -> {
                    ids.remove(o.ticketId());
                    ids.add(o.ticketId());
                });
        return new WindowCount(endMs, lengthMs, List.copyOf(ids));
    }

    /**
     * The fullest window that contains an occurrence at {@code atMs}: among the windows ending at
     * {@code atMs} or at a later occurrence within {@code lengthMs} of it, the one with the most
     * distinct tickets (the earliest on ties). This is how a late, out-of-order resolution is judged:
     * it may complete a window that ends after it.
     */
    public static WindowCount peakContaining(List<Occurrence> occurrences, long atMs, long lengthMs) {
        List<Occurrence> sorted = sorted(occurrences);
        List<Long> ends = new ArrayList<>();
        ends.add(atMs);
        sorted.stream().map(Occurrence::atMs).filter(t -> t > atMs && t <= atMs + lengthMs).distinct().forEach(ends::add);
        Map<String, Integer> inWindow = new HashMap<>();
        int right = 0;
        int left = 0;
        long bestEnd = atMs;
        int best = -1;
        for (long end : ends) {
            while (right < sorted.size() && sorted.get(right).atMs() <= end) {
                inWindow.merge(sorted.get(right++).ticketId(), 1, Integer::sum);
            }
            while (left < right && sorted.get(left).atMs() < end - lengthMs) {
                inWindow.computeIfPresent(sorted.get(left++).ticketId(), (k, v) -> v == 1 ? null : v - 1);
            }
            if (inWindow.size() > best) {
                best = inWindow.size();
                bestEnd = end;
            }
        }
        return at(sorted, bestEnd, lengthMs);
    }

    private static List<Occurrence> sorted(List<Occurrence> occurrences) {
        List<Occurrence> copy = new ArrayList<>(occurrences);
        copy.sort(Comparator.comparingLong(Occurrence::atMs));
        return copy;
    }
}
