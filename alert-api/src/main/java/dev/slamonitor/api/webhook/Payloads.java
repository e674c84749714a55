package dev.slamonitor.api.webhook;

import dev.slamonitor.alert.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Picks the payload of a receiver's format for one delivery: the one switch over {@link WebhookReceiver.Format}. */
final class Payloads {

    private Payloads() {
    }

    /**
     * @param leases the receiver's Alertmanager leases (only for {@code alertmanager})
     */
    static OutboundRequest render(WebhookReceiver r, Delivery d, AlertmanagerLeases leases, Instant now) {
        Alert a = d.alert();
        WebhookReceiver.Options o = r.options();
        return switch (r.format()) {
            case SLACK -> OutboundRequest.json(r.url(), Map.of(), SlackPayload.of(a, o));
            case TEAMS -> OutboundRequest.json(r.url(), Map.of(), TeamsPayload.of(a, o));
            case PAGERDUTY -> OutboundRequest.json(r.url(), Map.of(), PagerDutyPayload.of(a, o));
            case OPSGENIE -> OpsgeniePayload.request(a, r.url(), o);
            case ALERTMANAGER -> leases.render(a, now);
            case JSON -> signedJson(r, d.raw(), now);
        };
    }

    /** Our alert JSON as published, signed when the receiver has a secret ({@link WebhookSignature}). */
    static OutboundRequest signedJson(WebhookReceiver r, byte[] raw, Instant now) {
        if (r.options().secret() == null) {
            return new OutboundRequest(r.url(), Map.of(), raw);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        long ts = now.getEpochSecond();
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(r.options().secret(), ts, raw));
        return new OutboundRequest(r.url(), Map.copyOf(headers), raw);
    }
}
