package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Instant;
import java.util.Map;

/**
 * The policy's event-driven automatic escalations (VIP account, customer replies without an answer,
 * low CSAT): whether one event triggers one, and its ESCALATION notice. Each trigger has its own
 * deterministic id, so an event seen again escalates nothing new.
 */
final class EventEscalations {

    private final StepFacts facts;
    private final Ticket ticket;
    private final AlertLedger ledger;
    private final HandoffNote handoff;

    EventEscalations(StepFacts facts, AlertLedger ledger, HandoffNote handoff) {
        this.facts = facts;
        this.ticket = facts.ticket();
        this.ledger = ledger;
        this.handoff = handoff;
    }

    /** Escalates for whatever {@code e} triggers, given the ticket {@code before} it (null if it opened it). */
    void triggers(Ticket before, TicketEvent e) {
        SlaPolicy.AutoEscalation auto = facts.policy().autoEscalation();
        Instant at = e.occurredAt();
        if (e.type() == EventType.TICKET_OPENED && auto.vipAccount() && ticket.isVip()) {
            escalate("vip_account", "open", at, Map.of("vip", true), "VIP account");
        }
        Integer replies = auto.customerReplies();
        if (e.type() == EventType.CUSTOMER_REPLIED && replies != null && !ticket.isResolved()
                && ticket.customerRepliesSinceAgentReply() >= replies
                && (before == null || before.customerRepliesSinceAgentReply() < replies)) {
            escalate("customer_replies", "reply-" + ticket.customerReplies(), at,
                    Map.of("customerRepliesSinceAgentReply", ticket.customerRepliesSinceAgentReply(), "threshold", replies),
                    ticket.customerRepliesSinceAgentReply() + " customer replies without an answer");
        }
        Integer csatBelow = auto.csatBelow();
        if (e.type() == EventType.CSAT_RECEIVED && csatBelow != null && e.score() != null && e.score() < csatBelow) {
            escalate("csat_low", e.eventId(), at, Map.of("score", e.score(), "threshold", csatBelow),
                    "CSAT " + e.score() + " below " + csatBelow);
        }
    }

    private void escalate(String reason, String key, Instant at, Map<String, Object> triggerFacts, String why) {
        String id = Alert.idOf(ticket.ticketId(), AlertType.ESCALATION, reason, key);
        SupportTier to = ticket.tier().next().orElse(ticket.tier());
        Map<String, Object> details = AlertDetails.ofEscalation(ticket, to, handoff);
        details.putAll(triggerFacts);
        ledger.emit(RaisedAlert.ofEventEscalation(id, reason, at, facts.now(), reason + ":" + key, facts.severityCalendarName()),
                ledger.notices().eventEscalation(id, reason, at,
                        "Escalate " + ticket.ticketId() + " from " + ticket.tier().wire() + " to " + to.wire() + ": " + why,
                        details));
        if (ticket.isResolved()) {
            // a finished ticket has nothing left to escalate: the notice is a one-off record
            ledger.end(a -> a.alertId().equals(id), "one_off");
        }
    }
}
