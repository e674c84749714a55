package dev.slamonitor.processor.knowledge.domain;

import java.util.List;

/** The result of applying one event: the ticket to store (unchanged for a duplicate) and what was found. */
public record TicketStep(KnowledgeTicket ticket, List<Finding> findings, boolean duplicate) {
}
