package dev.slamonitor.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.QueryParams;
import dev.slamonitor.api.web.Responses;
import dev.slamonitor.api.tickets.TicketView;
import dev.slamonitor.api.webhook.WebhookSignature;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledgements from on-call tools:
 * <ul>
 *   <li>{@code POST /api/v1/integrations/pagerduty}: a PagerDuty V3 webhook; {@code incident.acknowledged}
 *       and {@code incident.resolved} acknowledge the alert whose key is the incident's {@code incident_key}
 *       (our dedup_key). Authenticated by {@code X-PagerDuty-Signature} (HMAC-SHA256 of the raw body with
 *       the subscription's secret); a bad or missing signature is a 401 and changes nothing;</li>
 *   <li>{@code POST /api/v1/integrations/opsgenie}: an Opsgenie outgoing webhook; {@code Acknowledge} and
 *       {@code Close} acknowledge the alert whose key is the Opsgenie alias. Opsgenie does not sign, so it
 *       must send the configured token in a custom header {@value #OPSGENIE_TOKEN_HEADER}.</li>
 * </ul>
 * An acknowledgement from a tool records the integration's configured principal, published through
 * {@link AckRoute#publish}, the same way as {@code POST /alerts/{id}/ack}. Events the monitor has no
 * use for (other types, alerts it does not know, alerts without a ticket) are answered 202 with the
 * reason, so the tool does not retry them. Handlers are thin and never block.
 */
public final class InboundAcks {

    public static final String OPSGENIE_TOKEN_HEADER = "X-Slamon-Token";
    private static final Logger LOG = LoggerFactory.getLogger(InboundAcks.class);

    private final AlertBook book;
    private final TicketView view;
    private final AckRoute acks;
    private final MeterRegistry registry;
    private final Settings settings;

    /** The tools' credentials ({@code api.integrations.*}) and the principals their acks are recorded under. */
    public record Settings(Optional<String> pagerDutySecret, String pagerDutyPrincipal, Optional<String> opsgenieToken,
                           String opsgeniePrincipal) {

        public static Settings from(AppConfig config) {
            return new Settings(config.optional("api.integrations.pagerduty.secret"),
                    config.string("api.integrations.pagerduty.principal"),
                    config.optional("api.integrations.opsgenie.token"),
                    config.string("api.integrations.opsgenie.principal"));
        }
    }

    public InboundAcks(Settings settings, AlertBook book, TicketView view, AckRoute acks, MeterRegistry registry) {
        this.settings = settings;
        this.book = book;
        this.view = view;
        this.acks = acks;
        this.registry = registry;
    }

    /** The tools authenticate by signature or token, not by API key: only the body reader guards them. */
    public void mount(Router router, Guards guards) {
        router.post(Feature.V1 + "/integrations/pagerduty").handler(guards.body()).handler(this::pagerDuty);
        router.post(Feature.V1 + "/integrations/opsgenie").handler(guards.body()).handler(this::opsgenie);
    }

    void pagerDuty(RoutingContext ctx) {
        if (settings.pagerDutySecret().isEmpty()) {
            Problems.send(ctx, 404, "integration-not-configured", "Integration not configured",
                    "Set api.integrations.pagerduty.secret to the webhook subscription's signing secret.");
            return;
        }
        byte[] raw = rawBody(ctx);
        String expected = WebhookSignature.pagerDuty(settings.pagerDutySecret().get(), raw);
        if (!WebhookSignature.anyMatches(ctx.request().getHeader("X-PagerDuty-Signature"), expected)) {
            refuse(ctx, "pagerduty", "X-PagerDuty-Signature is missing or is not v1=HMAC-SHA256 of the body with the configured secret.");
            return;
        }
        JsonNode event = parse(raw).path("event");
        String type = event.path("event_type").asText("");
        if (!type.equals("incident.acknowledged") && !type.equals("incident.resolved")) {
            ignore(ctx, "pagerduty", "event type '" + type + "' does not acknowledge");
            return;
        }
        JsonNode data = event.path("data");
        String key = data.path("incident_key").asText(null);
        String agent = event.path("agent").path("summary").asText(null);
        String note = "PagerDuty " + type + (agent == null ? "" : " by " + agent)
                + (data.hasNonNull("html_url") ? " " + data.get("html_url").asText() : "");
        acknowledge(ctx, "pagerduty", key, settings.pagerDutyPrincipal(), note);
    }

    void opsgenie(RoutingContext ctx) {
        if (settings.opsgenieToken().isEmpty()) {
            Problems.send(ctx, 404, "integration-not-configured", "Integration not configured",
                    "Set api.integrations.opsgenie.token and send it from Opsgenie in the " + OPSGENIE_TOKEN_HEADER + " header.");
            return;
        }
        String presented = ctx.request().getHeader(OPSGENIE_TOKEN_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                settings.opsgenieToken().get().getBytes(StandardCharsets.UTF_8))) {
            refuse(ctx, "opsgenie", OPSGENIE_TOKEN_HEADER + " is missing or is not the configured token.");
            return;
        }
        JsonNode body = parse(rawBody(ctx));
        String action = body.path("action").asText("");
        if (!action.equals("Acknowledge") && !action.equals("Close")) {
            ignore(ctx, "opsgenie", "action '" + action + "' does not acknowledge");
            return;
        }
        JsonNode alert = body.path("alert");
        String user = alert.path("username").asText(null);
        acknowledge(ctx, "opsgenie", alert.path("alias").asText(null), settings.opsgeniePrincipal(),
                "Opsgenie " + action + (user == null ? "" : " by " + user));
    }

    private void acknowledge(RoutingContext ctx, String tool, String key, String principal, String note) {
        Optional<Alert> notice = key == null ? Optional.empty()
                : book.get(key).map(AlertBook.Entry::notice).or(() -> view.alert(key));
        if (notice.isEmpty()) {
            ignore(ctx, tool, "no alert with key '" + key + "' in the live view");
            return;
        }
        if (notice.get().ticketId() == null) {
            ignore(ctx, tool, "alert '" + key + "' has no ticket; only ticket alerts have a re-notify chain");
            return;
        }
        acks.publish(ctx.vertx().getOrCreateContext(), notice.get(), principal, note)
                .onSuccess(ack -> {
                    count(tool, "acknowledged");
                    LOG.info("Alert {} of ticket {} acknowledged through {} ({})", key, ack.ticketId(), tool, principal);
                    Responses.json(ctx, 202, ack);
                })
                .onFailure(e -> {
                    ctx.response().putHeader("Retry-After", "5");
                    Problems.send(ctx, 503, "kafka-unavailable", "Service unavailable",
                            "The acknowledgement could not be written to Kafka. Retry later.");
                });
    }

    private void refuse(RoutingContext ctx, String tool, String detail) {
        count(tool, "refused");
        Problems.send(ctx, 401, "bad-signature", "Unauthorized", detail);
    }

    private void ignore(RoutingContext ctx, String tool, String why) {
        count(tool, "ignored");
        ObjectNode out = Json.mapper().createObjectNode().put("ignored", why);
        Responses.json(ctx, 202, out);
    }

    private void count(String tool, String outcome) {
        registry.counter("slamon.integration.webhooks", "tool", tool, "outcome", outcome).increment();
    }

    private static byte[] rawBody(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    private static JsonNode parse(byte[] raw) {
        try {
            JsonNode node = Json.mapper().readTree(raw);
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
