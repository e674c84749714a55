package dev.slamonitor.processor.ingest;

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
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.store.BinaryIn;
import dev.slamonitor.processor.store.BinaryOut;
import dev.slamonitor.processor.store.CustomerBinary;
import dev.slamonitor.processor.store.VersionedBinarySerde;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The value serde of the internal {@code events-by-ticket} repartition topic: a validated
 * {@link TicketEvent} in a compact versioned binary form ({@link VersionedBinarySerde}), because
 * every event is written to and read back from that topic once, and JSON there cost about a fifth of
 * the SLA stream thread. The topic is internal, not a published contract: producers and consumers
 * outside the application never see it (they see the JSON events topic).
 *
 * <p>Format {@link #VERSION_1}: every field of the record in declaration order, with no names
 * ({@link BinaryOut} encodings: nullable strings, repeated strings by reference, instants to the
 * nanosecond, enums by ordinal + 1; nested records as a presence byte then their fields; the
 * handoff's steps as a presence byte, a count and the strings; the amount as its
 * {@link BigDecimal#toString()}, which {@link BigDecimal#BigDecimal(String)} reads back with the same
 * scale). Records written before this format, in JSON, are still read (first byte {@code '{'}), so a
 * rolling upgrade may leave them in the topic. A new field means a new version byte and a reader for
 * the old one; enum constants may be appended, never reordered (pinned by the format test).
 */
public final class TicketEventSerde extends VersionedBinarySerde<TicketEvent> {

    static final int VERSION_1 = 1;

    private static final EventType[] TYPES = EventType.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final SupportTier[] TIERS = SupportTier.values();
    private static final TicketStatus[] STATUSES = TicketStatus.values();
    private static final EscalationType[] ESCALATIONS = EscalationType.values();

    public TicketEventSerde() {
        super(TicketEvent.class, VERSION_1, 256, TicketEventSerde::writeEvent, TicketEventSerde::readEvent,
                JsonSerde.of(TicketEvent.class).deserializer());
    }

    /** Writes the event's fields (no version byte): also the event part of other internal values. */
    public static void writeEvent(BinaryOut out, TicketEvent e) {
        out.writeInt(e.schemaVersion());
        out.writeString(e.eventId()).writeString(e.ticketId()).writeEnum(e.type()).writeInstant(e.occurredAt());
        out.writeEnum(e.severity());
        CustomerBinary.write(out, e.customer());
        out.writeString(e.team()).writeString(e.channel()).writeEnum(e.tier()).writeEnum(e.status()).writeString(e.owner());
        out.writeEnum(e.fromTier()).writeEnum(e.toTier()).writeEnum(e.escalationType());
        writeHandoff(out, e.handoff());
        out.writeString(e.rootCause()).writeString(e.resolutionSummary());
        out.writeBoolean(e.sopUpdate() != null);
        if (e.sopUpdate() != null) {
            out.writeString(e.sopUpdate().version());
        }
        out.writeBoolean(e.sopRejected() != null);
        if (e.sopRejected() != null) {
            out.writeString(e.sopRejected().rationale());
        }
        out.writeNullableInt(e.score()).writeString(e.rcaUrl()).writeString(e.refundId());
        out.writeString(e.amount() == null ? null : e.amount().toString());
        out.writeString(e.currency()).writeString(e.exceptionCode()).writeNullableBoolean(e.approved());
        out.writeString(e.approver()).writeString(e.approverRole()).writeString(e.rationale());
    }

    /** Reads what {@link #writeEvent} wrote. */
    public static TicketEvent readEvent(BinaryIn in) {
        int schemaVersion = in.readInt();
        String eventId = in.readString();
        String ticketId = in.readString();
        EventType type = in.readEnum(TYPES);
        var occurredAt = in.readInstant();
        Severity severity = in.readEnum(SEVERITIES);
        Customer customer = CustomerBinary.read(in);
        String team = in.readString();
        String channel = in.readString();
        SupportTier tier = in.readEnum(TIERS);
        TicketStatus status = in.readEnum(STATUSES);
        String owner = in.readString();
        SupportTier fromTier = in.readEnum(TIERS);
        SupportTier toTier = in.readEnum(TIERS);
        EscalationType escalationType = in.readEnum(ESCALATIONS);
        Handoff handoff = readHandoff(in);
        String rootCause = in.readString();
        String resolutionSummary = in.readString();
        SopUpdate sopUpdate = in.readBoolean() ? new SopUpdate(in.readString()) : null;
        SopRejected sopRejected = in.readBoolean() ? new SopRejected(in.readString()) : null;
        Integer score = in.readNullableInt();
        String rcaUrl = in.readString();
        String refundId = in.readString();
        String amount = in.readString();
        return new TicketEvent(schemaVersion, eventId, ticketId, type, occurredAt, severity, customer, team, channel, tier,
                status, owner, fromTier, toTier, escalationType, handoff, rootCause, resolutionSummary, sopUpdate, sopRejected,
                score, rcaUrl, refundId, amount == null ? null : decimal(amount), in.readString(), in.readString(),
                in.readNullableBoolean(), in.readString(), in.readString(), in.readString());
    }

    private static void writeHandoff(BinaryOut out, Handoff h) {
        out.writeBoolean(h != null);
        if (h == null) {
            return;
        }
        out.writeString(h.summary());
        out.writeBoolean(h.stepsTaken() != null);
        if (h.stepsTaken() != null) {
            out.writeVarInt(h.stepsTaken().size());
            for (String step : h.stepsTaken()) {
                out.writeString(step);
            }
        }
        out.writeString(h.reason()).writeString(h.impact()).writeString(h.customerExpectation());
    }

    private static Handoff readHandoff(BinaryIn in) {
        if (!in.readBoolean()) {
            return null;
        }
        String summary = in.readString();
        List<String> steps = null;
        if (in.readBoolean()) {
            int n = in.readCount();
            steps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                steps.add(in.readString());
            }
        }
        return new Handoff(summary, steps, in.readString(), in.readString(), in.readString());
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + text + "'", e);
        }
    }
}
