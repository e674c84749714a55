package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.sla.domain.ClockCycle;
import dev.slamonitor.processor.sla.domain.ClockKind;
import dev.slamonitor.processor.sla.domain.HandoffNote;
import dev.slamonitor.processor.sla.domain.RaisedAlert;
import dev.slamonitor.processor.sla.domain.SeenEvents;
import dev.slamonitor.processor.sla.domain.SlaClock;
import dev.slamonitor.processor.sla.domain.SlaEvent;
import dev.slamonitor.processor.sla.domain.SlaHistory;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import dev.slamonitor.processor.store.BinaryOut;
import dev.slamonitor.processor.store.CustomerBinary;
import dev.slamonitor.state.AckView;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TrackedTicket} in the store's binary format, version {@link TrackedTicketSerde#VERSION_1}:
 * the version byte, then the fields in record order with no names ({@link BinaryOut} encodings;
 * nullable records as a presence byte, nullable lists as a count + 1 then the elements, enums by
 * ordinal + 1). The mirror image of {@link TrackedTicketReader}: a change here is a new version.
 */
final class TrackedTicketWriter {

    private TrackedTicketWriter() {
    }

    static byte[] write(TrackedTicket value) {
        BinaryOut out = new BinaryOut(512);
        out.writeByte(TrackedTicketSerde.VERSION_1);
        writeTicket(out, value.ticket());
        writeSla(out, value.sla());
        writeSeen(out, value.seen());
        return out.toByteArray();
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
        CustomerBinary.write(out, t.customer());
        out.writeString(t.team()).writeString(t.channel());
        out.writeInstant(t.openedAt()).writeInstant(t.lastEventAt()).writeInstant(t.lastAgentActivityAt())
                .writeInstant(t.lastCustomerActivityAt());
        out.writeInt(t.agentReplies()).writeInt(t.customerReplies()).writeInt(t.customerRepliesSinceAgentReply())
                .writeInt(t.escalations()).writeInt(t.tierMoves());
        out.writeInstant(t.resolvedAt()).writeString(t.rootCause()).writeNullableInt(t.csat());
        out.writeLong(t.appliedEvents()).writeLong(t.lateEvents());
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

    private static void writeAlert(BinaryOut out, RaisedAlert a) {
        out.writeString(a.alertId()).writeEnum(a.type()).writeString(a.clock()).writeString(a.reason()).writeInt(a.level())
                .writeInstant(a.deadline()).writeInstant(a.firedAt()).writeString(a.trigger()).writeString(a.rootId())
                .writeString(a.calendar()).writeBoolean(a.acknowledged()).writeInstant(a.renotifyAt())
                .writeInt(a.notifiedLevel()).writeInstant(a.resolvedAt());
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

    private static void writeStrings(BinaryOut out, List<String> list) {
        writeCount(out, list);
        if (list != null) {
            for (String s : list) {
                out.writeString(s);
            }
        }
    }
}
