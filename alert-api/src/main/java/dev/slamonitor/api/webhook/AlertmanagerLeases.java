package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open alerts one Alertmanager receiver was sent, by alert key. Alertmanager expires an alert
 * whose {@code endsAt} passed (or, without one, after its resolve_timeout), and clients are expected
 * to re-send active alerts: each post carries {@code endsAt} = now + 4 x the resend interval and
 * {@link #refresh} re-posts every open alert once per interval, the way Prometheus does. The label
 * set of the first record is kept for the key, so a later severity change does not split the alert
 * in two. After a restart the open conditions come back through {@link #adopt} (from the API's alert
 * read model). Bounded ({@value #MAX_OPEN} keys, oldest dropped). Not thread-safe: owned by the webhook verticle.
 */
final class AlertmanagerLeases {

    static final int MAX_OPEN = 10_000;
    static final int BATCH = 500;

    private record Lease(Map<String, String> labels, Instant startsAt, Alert latest) {
    }

    private final WebhookReceiver receiver;
    private final LinkedHashMap<String, Lease> open = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lease> eldest) {
            return size() > MAX_OPEN;
        }
    };

    AlertmanagerLeases(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    /** The request for one alert record; remembers a TRIGGERED / ACKNOWLEDGED key, forgets a RESOLVED one. */
    OutboundRequest render(Alert a, Instant now) {
        Lease lease;
        Instant endsAt;
        if (a.state() == AlertState.RESOLVED) {
            Lease known = open.remove(a.alertKey());
            Instant resolvedAt = a.firedAt() == null ? now : a.firedAt();
            lease = known != null ? new Lease(known.labels(), known.startsAt(), a)
                    : new Lease(AlertmanagerPayload.labels(a), earliest(a.deadline(), resolvedAt), a);
            endsAt = resolvedAt.isBefore(lease.startsAt()) ? lease.startsAt() : resolvedAt;
        } else {
            Lease known = open.get(a.alertKey());
            lease = known != null ? new Lease(known.labels(), known.startsAt(), a)
                    : new Lease(AlertmanagerPayload.labels(a), a.firedAt() == null ? now : a.firedAt(), a);
            open.put(a.alertKey(), lease);
            endsAt = leaseEnd(now);
        }
        ObjectNode alert = AlertmanagerPayload.alert(lease.labels(), a, lease.startsAt(), endsAt, receiver.options());
        return OutboundRequest.json(AlertmanagerPayload.endpoint(receiver.url()), Map.of(), AlertmanagerPayload.batch(List.of(alert)));
    }

    /**
     * Takes over an open condition this process has not posted (delivered before a restart, when the
     * memory was lost): from now on it is re-posted like the others. A key already known is left as is.
     */
    void adopt(Alert notice, Instant now) {
        if (!open.containsKey(notice.alertKey())) {
            open.put(notice.alertKey(), new Lease(AlertmanagerPayload.labels(notice),
                    notice.firedAt() == null ? now : notice.firedAt(), notice));
        }
    }

    /** Every open alert again with a renewed lease, in requests of at most {@value #BATCH} alerts; none when none is open. */
    List<OutboundRequest> refresh(Instant now) {
        List<OutboundRequest> out = new ArrayList<>();
        List<ObjectNode> alerts = new ArrayList<>();
        for (Lease l : open.values()) {
            alerts.add(AlertmanagerPayload.alert(l.labels(), l.latest(), l.startsAt(), leaseEnd(now), receiver.options()));
            if (alerts.size() == BATCH) {
                out.add(OutboundRequest.json(AlertmanagerPayload.endpoint(receiver.url()), Map.of(), AlertmanagerPayload.batch(alerts)));
                alerts = new ArrayList<>();
            }
        }
        if (!alerts.isEmpty()) {
            out.add(OutboundRequest.json(AlertmanagerPayload.endpoint(receiver.url()), Map.of(), AlertmanagerPayload.batch(alerts)));
        }
        return out;
    }

    int size() {
        return open.size();
    }

    private Instant leaseEnd(Instant now) {
        return now.plus(receiver.options().resend().multipliedBy(4));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
