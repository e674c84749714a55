package dev.slamonitor.standalone.webhook;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo webhook receiver has been sent, de-duplicated by alert id per channel (the API sends an
 * alert once to each receiver whose routing it matches, so one alert may come once as Slack and once
 * as JSON): requests, alerts accepted per channel and type, alert ids a channel got more than once,
 * and the requests it refused on purpose. It
 * also decides, deterministically, which requests to refuse: every {@code failEvery}-th request
 * (counted over both channels; 0 never), so that the sender's retries and both delivery outcomes
 * show up. Remembers at most {@code capacity} alert ids (oldest forgotten first). Thread-safe; pure
 * (no Vert.x, no I/O).
 */
public final class DemoWebhookTally {

    /** Which payload shape an alert arrived in. */
    public enum Channel { SLACK, JSON, PAGERDUTY }

    /**
     * One accepted alert record, for the receiver's status page.
     *
     * @param alertKey the condition it belongs to (PagerDuty's dedup_key), shared by trigger, ack and resolve
     * @param state    TRIGGERED, ACKNOWLEDGED or RESOLVED
     */
    public record Received(String alertId, String type, String ticketId, Channel channel, Instant at, String alertKey,
                           String state) {

        public Received(String alertId, String type, String ticketId, Channel channel, Instant at) {
            this(alertId, type, ticketId, channel, at, alertId, "TRIGGERED");
        }
    }

    /** The receiver's verdict on one request. */
    public enum Verdict { ACCEPTED, DUPLICATE, REFUSED_ON_PURPOSE }

    private static final int RECENT = 20;

    private final int failEvery;
    private final Map<String, Boolean> seen;
    private final ArrayDeque<Received> recent = new ArrayDeque<>();
    private final Map<Channel, Long> accepted = new TreeMap<>();
    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<String, Long> byState = new TreeMap<>();
    private long requests;
    private long duplicates;
    private long refused;

    public DemoWebhookTally(int failEvery, int capacity) {
        if (failEvery < 0 || capacity < 1) {
            throw new IllegalArgumentException("failEvery >= 0 and capacity >= 1 expected");
        }
        this.failEvery = failEvery;
        this.seen = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Counts one request and says whether to answer it with a failure (before its body is looked at). */
    public synchronized boolean nextRequestFails() {
        requests++;
        boolean fail = failEvery > 0 && requests % failEvery == 0;
        if (fail) {
            refused++;
        }
        return fail;
    }

    /** Records an alert the receiver accepts (2xx); a second delivery of one alert id on one channel is a duplicate. */
    public synchronized Verdict accept(Received alert) {
        if (seen.putIfAbsent(alert.channel() + " " + alert.alertId(), Boolean.TRUE) != null) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        accepted.merge(alert.channel(), 1L, Long::sum);
        byType.merge(alert.type(), 1L, Long::sum);
        byState.merge(alert.channel() + " " + (alert.state() == null ? "TRIGGERED" : alert.state()), 1L, Long::sum);
        recent.addFirst(alert);
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
        return Verdict.ACCEPTED;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(requests, refused, duplicates, Map.copyOf(accepted), Map.copyOf(byType), Map.copyOf(byState),
                List.copyOf(new ArrayList<>(recent)));
    }

    /**
     * Counts at one moment: {@code requests} = every POST, {@code refusedOnPurpose} = answered 503,
     * {@code duplicates} = alert ids a channel got again after a 2xx, {@code accepted} = distinct alerts per channel,
     * {@code lifecycle} = records per channel and state ("PAGERDUTY TRIGGERED", "JSON RESOLVED", ...): the
     * triggers, acknowledgements and resolves the demo's alerts went through.
     */
    public record Snapshot(long requests, long refusedOnPurpose, long duplicates, Map<Channel, Long> accepted,
                           Map<String, Long> byType, Map<String, Long> lifecycle, List<Received> recent) {

        /** Records of one state over every channel. */
        public long inState(String state) {
            return lifecycle.entrySet().stream().filter(e -> e.getKey().endsWith(" " + state)).mapToLong(Map.Entry::getValue).sum();
        }

        public long distinctAlerts() {
            return accepted.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
