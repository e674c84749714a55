package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.store.StoreSerde;
import dev.slamonitor.processor.sla.domain.ClockCycle;
import dev.slamonitor.processor.sla.domain.ClockKind;
import dev.slamonitor.processor.sla.domain.ClockState;
import dev.slamonitor.processor.sla.domain.HandoffNote;
import dev.slamonitor.processor.sla.domain.RaisedAlert;
import dev.slamonitor.processor.sla.domain.SeenEvents;
import dev.slamonitor.processor.sla.domain.SlaClock;
import dev.slamonitor.processor.sla.domain.SlaEvent;
import dev.slamonitor.processor.sla.domain.SlaHistory;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import dev.slamonitor.processor.store.BinaryIn;
import dev.slamonitor.processor.store.BinaryOut;
import dev.slamonitor.state.AckView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the per-ticket store {@code sla-ticket-state} (and so of its changelog): a compact
 * versioned binary form of {@link TrackedTicket}, written field by field in record order with no
 * field names. It is read and written once per event, and Smile (the format before it) was the
 * largest single cost of the stream thread.
 *
 * <p>Format: the version byte {@link #VERSION_1}, then the fields ({@link BinaryOut} encodings;
 * nullable records as a presence byte, lists as a count then the elements, enums by ordinal + 1).
 * The first byte tells the formats apart: Smile values start with {@code ':'} and text JSON with
 * {@code '{'} (or whitespace), never with a byte below 0x09, so values written before this format
 * still restore through {@link StoreSerde}. A new field means a new version byte and a reader for
 * the old one; enum constants may be appended, never reordered (pinned by the format test).
 * A null value (tombstone) maps to null both ways.
 */
public final class TrackedTicketSerde implements Serde<TrackedTicket> {

    /** First byte of every value in this format. */
    static final byte VERSION_1 = 1;

    private static final TicketStatus[] STATUSES = TicketStatus.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final SupportTier[] TIERS = SupportTier.values();
    private static final ClockKind[] KINDS = ClockKind.values();
    private static final ClockState[] CLOCK_STATES = ClockState.values();
    private static final AlertType[] ALERT_TYPES = AlertType.values();

    private final Deserializer<TrackedTicket> older = StoreSerde.of(TrackedTicket.class).deserializer();

    @Override
    public Serializer<TrackedTicket> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<TrackedTicket> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == VERSION_1) {
                try {
                    return read(bytes);
                } catch (IllegalArgumentException e) {
                    throw new SerializationException("Cannot read a TrackedTicket (binary v1) from topic " + topic + ": "
                            + e.getMessage(), e);
                }
            }
            return older.deserialize(topic, bytes);
        };
    }

    static byte[] write(TrackedTicket value) {
        BinaryOut out = new BinaryOut(512);
        out.writeByte(VERSION_1);
        writeTicket(out, value.ticket());
        writeSla(out, value.sla());
        writeSeen(out, value.seen());
        return out.toByteArray();
    }

    static TrackedTicket read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, 1);
        TrackedTicket value = new TrackedTicket(readTicket(in), readSla(in), readSeen(in));
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after the value");
        }
        return value;
    }

    private static void writeTicket(BinaryOut out, Ticket t) {
        out.writeBoolean(t != null);
        if (t == null) {
            return;
        }
        out.writeString(t.ticketId());
        out.writeEnum(t.status()).writeInstant(t.statusAt());
        out.writeEnum(t.severity()).writeInstant(t.severityAt());
        out.writeEnum(t.tier()).writeInstant(t.tierAt());
        out.writeString(t.owner()).writeInstant(t.ownerAt());
        writeCustomer(out, t.customer());
        out.writeString(t.team()).writeString(t.channel());
        out.writeInstant(t.openedAt()).writeInstant(t.lastEventAt()).writeInstant(t.lastAgentActivityAt())
                .writeInstant(t.lastCustomerActivityAt());
        out.writeInt(t.agentReplies()).writeInt(t.customerReplies()).writeInt(t.customerRepliesSinceAgentReply())
                .writeInt(t.escalations()).writeInt(t.tierMoves());
        out.writeInstant(t.resolvedAt()).writeString(t.rootCause()).writeNullableInt(t.csat());
        out.writeLong(t.appliedEvents()).writeLong(t.lateEvents());
    }

    private static Ticket readTicket(BinaryIn in) {
        if (!in.readBoolean()) {
            return null;
        }
        return new Ticket(in.readString(),
                in.readEnum(STATUSES), in.readInstant(),
                in.readEnum(SEVERITIES), in.readInstant(),
                in.readEnum(TIERS), in.readInstant(),
                in.readString(), in.readInstant(),
                readCustomer(in),
                in.readString(), in.readString(),
                in.readInstant(), in.readInstant(), in.readInstant(), in.readInstant(),
                in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInstant(), in.readString(), in.readNullableInt(),
                in.readLong(), in.readLong());
    }

    private static void writeCustomer(BinaryOut out, Customer c) {
        out.writeBoolean(c != null);
        if (c != null) {
            out.writeString(c.id()).writeString(c.tier()).writeNullableBoolean(c.vip()).writeString(c.timeZone());
        }
    }

    private static Customer readCustomer(BinaryIn in) {
        return in.readBoolean() ? new Customer(in.readString(), in.readString(), in.readNullableBoolean(), in.readString()) : null;
    }

    private static void writeSla(BinaryOut out, SlaState s) {
        out.writeBoolean(s != null);
        if (s == null) {
            return;
        }
        out.writeString(s.policyId()).writeInt(s.policyVersion());
        Map<ClockKind, SlaClock> clocks = s.clocks();
        out.writeVarInt(clocks == null ? 0 : clocks.size() + 1);
        if (clocks != null) {
            for (SlaClock c : clocks.values()) {
                writeClock(out, c);
            }
        }
        List<RaisedAlert> alerts = s.alerts();
        writeCount(out, alerts);
        if (alerts != null) {
            for (RaisedAlert a : alerts) {
                writeAlert(out, a);
            }
        }
        List<AckView> acks = s.acks();
        writeCount(out, acks);
        if (acks != null) {
            for (AckView a : acks) {
                out.writeString(a.alertId()).writeString(a.by()).writeString(a.note()).writeInstant(a.at());
            }
        }
        writeHandoff(out, s.handoff());
        out.writeInstant(s.wakeAt()).writeInstant(s.restingSince());
        writeHistory(out, s.history());
    }

    private static SlaState readSla(BinaryIn in) {
        if (!in.readBoolean()) {
            return null;
        }
        String policyId = in.readString();
        int policyVersion = in.readInt();
        Map<ClockKind, SlaClock> clocks = null;
        int clockCount = in.readCount();
        if (clockCount > 0) {
            clocks = new EnumMap<>(ClockKind.class);
            for (int i = 0; i < clockCount - 1; i++) {
                SlaClock c = readClock(in);
                clocks.put(c.kind(), c);
            }
        }
        List<RaisedAlert> alerts = null;
        int alertCount = in.readCount();
        if (alertCount > 0) {
            alerts = new ArrayList<>(alertCount - 1);
            for (int i = 0; i < alertCount - 1; i++) {
                alerts.add(readAlert(in));
            }
        }
        List<AckView> acks = null;
        int ackCount = in.readCount();
        if (ackCount > 0) {
            acks = new ArrayList<>(ackCount - 1);
            for (int i = 0; i < ackCount - 1; i++) {
                acks.add(new AckView(in.readString(), in.readString(), in.readString(), in.readInstant()));
            }
        }
        HandoffNote handoff = readHandoff(in);
        return new SlaState(policyId, policyVersion, clocks, alerts, acks, handoff, in.readInstant(), in.readInstant(),
                readHistory(in));
    }

    /** A nullable list's size: 0 for null, else size + 1. */
    private static void writeCount(BinaryOut out, List<?> list) {
        out.writeVarInt(list == null ? 0 : list.size() + 1);
    }

    private static void writeClock(BinaryOut out, SlaClock c) {
        out.writeEnum(c.kind()).writeEnum(c.state()).writeInt(c.cycle()).writeEnum(c.tier()).writeString(c.calendar())
                .writeLong(c.targetMillis()).writeInstant(c.startedAt()).writeInstant(c.segmentStart())
                .writeLong(c.consumedMillis()).writeInstant(c.deadline()).writeInstant(c.warnAt())
                .writeBoolean(c.warned()).writeInstant(c.stoppedAt()).writeLong(c.pausedMillis());
    }

    private static SlaClock readClock(BinaryIn in) {
        return new SlaClock(in.readEnum(KINDS), in.readEnum(CLOCK_STATES), in.readInt(), in.readEnum(TIERS), in.readString(),
                in.readLong(), in.readInstant(), in.readInstant(), in.readLong(), in.readInstant(), in.readInstant(),
                in.readBoolean(), in.readInstant(), in.readLong());
    }

    private static void writeAlert(BinaryOut out, RaisedAlert a) {
        out.writeString(a.alertId()).writeEnum(a.type()).writeString(a.clock()).writeString(a.reason()).writeInt(a.level())
                .writeInstant(a.deadline()).writeInstant(a.firedAt()).writeString(a.trigger()).writeString(a.rootId())
                .writeString(a.calendar()).writeBoolean(a.acknowledged()).writeInstant(a.renotifyAt())
                .writeInt(a.notifiedLevel()).writeInstant(a.resolvedAt());
    }

    private static RaisedAlert readAlert(BinaryIn in) {
        return new RaisedAlert(in.readString(), in.readEnum(ALERT_TYPES), in.readString(), in.readString(), in.readInt(),
                in.readInstant(), in.readInstant(), in.readString(), in.readString(), in.readString(), in.readBoolean(),
                in.readInstant(), in.readInt(), in.readInstant());
    }

    private static void writeHandoff(BinaryOut out, HandoffNote h) {
        out.writeBoolean(h != null);
        if (h == null) {
            return;
        }
        out.writeInstant(h.at()).writeEnum(h.fromTier()).writeEnum(h.toTier()).writeString(h.summary());
        writeStrings(out, h.stepsTaken());
        out.writeString(h.reason()).writeString(h.impact()).writeString(h.customerExpectation());
    }

    private static HandoffNote readHandoff(BinaryIn in) {
        if (!in.readBoolean()) {
            return null;
        }
        return new HandoffNote(in.readInstant(), in.readEnum(TIERS), in.readEnum(TIERS), in.readString(), readStrings(in),
                in.readString(), in.readString(), in.readString());
    }

    private static void writeHistory(BinaryOut out, SlaHistory h) {
        // never null: the record turns a missing history into EMPTY
        out.writeVarInt(h.cycles().size());
        for (ClockCycle c : h.cycles()) {
            out.writeString(c.clock()).writeInt(c.cycle()).writeString(c.tier()).writeString(c.calendar())
                    .writeInstant(c.startedAt()).writeInstant(c.stoppedAt()).writeLong(c.pausedMillis())
                    .writeLong(c.elapsedBusinessMillis()).writeLong(c.goalMillis()).writeString(c.outcome())
                    .writeInstant(c.breachedAt());
        }
        out.writeVarInt(h.events().size());
        for (SlaEvent e : h.events()) {
            out.writeString(e.clock()).writeInt(e.cycle()).writeString(e.type()).writeInstant(e.at())
                    .writeNullableLong(e.goalMillis());
        }
    }

    private static SlaHistory readHistory(BinaryIn in) {
        int cycleCount = in.readCount();
        List<ClockCycle> cycles = new ArrayList<>(cycleCount);
        for (int i = 0; i < cycleCount; i++) {
            cycles.add(new ClockCycle(in.readString(), in.readInt(), in.readString(), in.readString(), in.readInstant(),
                    in.readInstant(), in.readLong(), in.readLong(), in.readLong(), in.readString(), in.readInstant()));
        }
        int eventCount = in.readCount();
        List<SlaEvent> events = new ArrayList<>(eventCount);
        for (int i = 0; i < eventCount; i++) {
            events.add(new SlaEvent(in.readString(), in.readInt(), in.readString(), in.readInstant(), in.readNullableLong()));
        }
        return new SlaHistory(cycles, events);
    }

    private static void writeSeen(BinaryOut out, SeenEvents seen) {
        // never null: the record turns a missing memory into NONE
        List<String> ids = seen.ids();
        long[] at = seen.seenAt();
        out.writeVarInt(ids.size());
        long previous = 0;
        for (int i = 0; i < ids.size(); i++) {
            // stream times are close together and ascending: deltas take two or three bytes
            out.writeString(ids.get(i)).writeLong(at[i] - previous);
            previous = at[i];
        }
    }

    private static SeenEvents readSeen(BinaryIn in) {
        int n = in.readCount();
        List<String> ids = new ArrayList<>(n);
        long[] at = new long[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            ids.add(in.readString());
            previous += in.readLong();
            at[i] = previous;
        }
        return new SeenEvents(ids, at);
    }

    private static void writeStrings(BinaryOut out, List<String> list) {
        writeCount(out, list);
        if (list != null) {
            for (String s : list) {
                out.writeString(s);
            }
        }
    }

    private static List<String> readStrings(BinaryIn in) {
        int n = in.readCount();
        if (n == 0) {
            return null;
        }
        List<String> list = new ArrayList<>(n - 1);
        for (int i = 0; i < n - 1; i++) {
            list.add(in.readString());
        }
        return list;
    }
}
