package dev.slamonitor.standalone.demo;

import static java.time.Duration.ofSeconds;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EscalationType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SopRejected;
import dev.slamonitor.event.SopUpdate;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The synthetic help desk: customers in several zones and tiers (some VIP), four severities, and
 * ticket lives that exercise every rule: quick resolutions, silent tickets that breach, pauses while
 * pending the customer, escalations with complete and incomplete handoffs, impatient customers,
 * repeating root causes, low CSAT, refunds with exception codes.
 */
final class DemoScenarios {

    static final List<String> ROOT_CAUSES = List.of("payment-gateway-timeout", "payment-gateway-timeout",
            "sso-misconfiguration", "data-sync-lag", "billing-proration-error", "mobile-app-crash", "how-to-question",
            "permissions-model");
    private static final List<String> TEAMS = List.of("payments", "identity", "platform", "mobile");
    private static final List<String> AGENTS = List.of("ana", "bo", "chen", "dara", "eli", "farah");
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Tokyo",
            "Australia/Sydney", "UTC", "America/Sao_Paulo");
    private static final List<String> TIERS = List.of("enterprise", "business", "standard", "standard");
    // Codes of the default refund-governance taxonomy, plus one outside it so the unknown-code rule shows up.
    private static final List<String> CODES = List.of("GOODWILL", "SERVICE_OUTAGE", "BILLING_ERROR", "DUPLICATE_CHARGE",
            "LATE_DELIVERY", "PRICE_ADJUSTMENT", "PROMO_NOT_APPLIED", "LEGACY_PROMO");

    private final Random random;

    DemoScenarios(Random random) {
        this.random = random;
    }

    Scenario next(String ticketId) {
        Severity severity = pickSeverity();
        String team = pick(TEAMS);
        Customer customer = new Customer("CUST-" + (100 + random.nextInt(60)), pick(TIERS), random.nextInt(8) == 0,
                pick(ZONES));
        int kind = random.nextInt(100);
        Scenario s = new Scenario(kind < 25 ? "quick-resolution" : kind < 40 ? "silent-breach"
                : kind < 55 ? "pending-customer" : kind < 75 ? "escalation" : kind < 85 ? "impatient-customer"
                : kind < 93 ? "refund" : "incomplete-handoff");
        s.at(ofSeconds(0), at -> ev(EventType.TICKET_OPENED, ticketId, at).severity(severity).customer(customer)
                .team(team).channel(pick(List.of("email", "chat", "phone", "web"))).tier(SupportTier.L1).build());
        String agent = pick(AGENTS);
        switch (s.name()) {
            case "quick-resolution" -> s
                    .at(ofSeconds(4), at -> ev(EventType.ASSIGNED, ticketId, at).owner(agent).build())
                    .at(ofSeconds(8), at -> simple(EventType.AGENT_REPLIED, ticketId, at))
                    .at(ofSeconds(20), at -> simple(EventType.CUSTOMER_REPLIED, ticketId, at))
                    .at(ofSeconds(30), at -> resolved(ticketId, at, true))
                    .at(ofSeconds(40), at -> ev(EventType.CSAT_RECEIVED, ticketId, at).score(4 + random.nextInt(2)).build());
            case "silent-breach" -> s
                    .at(ofSeconds(5), at -> ev(EventType.ASSIGNED, ticketId, at).owner(agent).build());
            case "pending-customer" -> s
                    .at(ofSeconds(5), at -> simple(EventType.AGENT_REPLIED, ticketId, at))
                    .at(ofSeconds(6), at -> ev(EventType.STATUS_CHANGED, ticketId, at).status(TicketStatus.PENDING_CUSTOMER).build())
                    .at(ofSeconds(60), at -> simple(EventType.CUSTOMER_REPLIED, ticketId, at))
                    .at(ofSeconds(61), at -> ev(EventType.STATUS_CHANGED, ticketId, at).status(TicketStatus.OPEN).build())
                    .at(ofSeconds(90), at -> resolved(ticketId, at, random.nextBoolean()));
            case "escalation" -> {
                s.at(ofSeconds(5), at -> simple(EventType.AGENT_REPLIED, ticketId, at))
                        .at(ofSeconds(15), at -> escalated(ticketId, at, true))
                        .at(ofSeconds(25), at -> ev(EventType.ACKNOWLEDGED, ticketId, at).owner(pick(AGENTS) + "-l2").build())
                        .at(ofSeconds(35), at -> simple(EventType.AGENT_REPLIED, ticketId, at))
                        .at(ofSeconds(70), at -> resolved(ticketId, at, random.nextInt(3) > 0))
                        .at(ofSeconds(80), at -> ev(EventType.CSAT_RECEIVED, ticketId, at).score(1 + random.nextInt(5)).build());
                if (random.nextInt(4) == 0) {
                    // the fix did not hold: the customer reopens and the ticket escalates again
                    s.at(ofSeconds(90), at -> simple(EventType.REOPENED, ticketId, at))
                            .at(ofSeconds(100), at -> escalated(ticketId, at, true));
                }
                s.at(ofSeconds(110), at -> ev(EventType.RCA_PUBLISHED, ticketId, at).rcaUrl("https://wiki.example/rca/" + ticketId).build());
            }
            case "impatient-customer" -> s
                    .at(ofSeconds(10), at -> simple(EventType.CUSTOMER_REPLIED, ticketId, at))
                    .at(ofSeconds(20), at -> simple(EventType.CUSTOMER_REPLIED, ticketId, at))
                    .at(ofSeconds(30), at -> simple(EventType.CUSTOMER_REPLIED, ticketId, at))
                    .at(ofSeconds(45), at -> simple(EventType.AGENT_REPLIED, ticketId, at));
            case "refund" -> {
                String refundId = "RF-" + ticketId;
                BigDecimal amount = BigDecimal.valueOf(10 + random.nextInt(900));
                s.at(ofSeconds(5), at -> simple(EventType.AGENT_REPLIED, ticketId, at))
                        .at(ofSeconds(10), at -> ev(EventType.REFUND_REQUESTED, ticketId, at).refundId(refundId)
                                .amount(amount).currency(pick(List.of("EUR", "USD", "GBP")))
                                .exceptionCode(random.nextInt(10) == 0 ? null : pick(CODES)).build())
                        .at(ofSeconds(25 + random.nextInt(40)), at -> ev(EventType.REFUND_DECIDED, ticketId, at)
                                .refundId(refundId).approved(random.nextInt(5) > 0).approver(pick(AGENTS))
                                .approverRole(pick(List.of("agent", "agent", "team_lead", "manager")))
                                .rationale(random.nextBoolean() ? "customer impact confirmed" : null).build())
                        .at(ofSeconds(70), at -> resolved(ticketId, at, true));
            }
            default -> s
                    .at(ofSeconds(5), at -> simple(EventType.AGENT_REPLIED, ticketId, at))
                    .at(ofSeconds(12), at -> escalated(ticketId, at, false))
                    .at(ofSeconds(20), at -> moved(ticketId, at, SupportTier.L2, SupportTier.L1))
                    .at(ofSeconds(28), at -> moved(ticketId, at, SupportTier.L1, SupportTier.L2))
                    .at(ofSeconds(36), at -> moved(ticketId, at, SupportTier.L2, SupportTier.L1));
        }
        return s;
    }

    private TicketEvent resolved(String ticketId, Instant at, boolean withSop) {
        TicketEvent.Builder b = ev(EventType.RESOLVED, ticketId, at).rootCause(pick(ROOT_CAUSES))
                .resolutionSummary("Fixed and verified with the customer");
        if (withSop) {
            b = random.nextBoolean() ? b.sopUpdate(new SopUpdate("v" + (1 + random.nextInt(20))))
                    : b.sopRejected(new SopRejected("One-off configuration error, SOP already covers it"));
        }
        return b.build();
    }

    private TicketEvent escalated(String ticketId, Instant at, boolean completeHandoff) {
        Handoff handoff = completeHandoff
                ? new Handoff("Customer cannot complete checkout since the morning release",
                        List.of("Reproduced on staging", "Cleared cache", "Checked gateway status page"),
                        "Needs code-level investigation", "Checkout blocked for all EU customers",
                        "Update every 2 hours, fix today")
                : new Handoff("Customer unhappy", List.of(), null, null, null);
        return ev(EventType.ESCALATED, ticketId, at).fromTier(SupportTier.L1).toTier(SupportTier.L2)
                .escalationType(EscalationType.FUNCTIONAL).handoff(handoff).build();
    }

    /** A tier move without a real handoff: the ping-pong pattern. */
    private static TicketEvent moved(String ticketId, Instant at, SupportTier from, SupportTier to) {
        return ev(EventType.ESCALATED, ticketId, at).fromTier(from).toTier(to)
                .escalationType(EscalationType.DOMAIN).handoff(new Handoff("Not ours", List.of(), null, null, null)).build();
    }

    private Severity pickSeverity() {
        int r = random.nextInt(100);
        return r < 10 ? Severity.CRITICAL : r < 35 ? Severity.HIGH : r < 75 ? Severity.MEDIUM : Severity.LOW;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static TicketEvent.Builder ev(EventType type, String ticketId, Instant at) {
        return TicketEvent.builder(type, UUID.randomUUID().toString(), ticketId, at);
    }

    private static TicketEvent simple(EventType type, String ticketId, Instant at) {
        return ev(type, ticketId, at).build();
    }
}
