package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
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
import dev.slamonitor.processor.store.CustomerBinary;
import dev.slamonitor.state.AckView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the store's binary format, version {@link TrackedTicketSerde#VERSION_1}, written by
 * {@link TrackedTicketWriter}, field by field in the same order. Refuses a value that ends early or
 * has bytes left over with an {@link IllegalArgumentException} (the serde names the topic and format).
 */
final class TrackedTicketReader {

    private static final TicketStatus[] STATUSES = TicketStatus.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final SupportTier[] TIERS = SupportTier.values();
    private static final ClockKind[] KINDS = ClockKind.values();
    private static final ClockState[] CLOCK_STATES = ClockState.values();
    private static final AlertType[] ALERT_TYPES = AlertType.values();

    private TrackedTicketReader() {
    }

    static TrackedTicket read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, 1);
        TrackedTicket value = new TrackedTicket(readTicket(in), readSla(in), readSeen(in));
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after the value");
        }
        return value;
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
                CustomerBinary.read(in),
                in.readString(), in.readString(),
                in.readInstant(), in.readInstant(), in.readInstant(), in.readInstant(),
                in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInstant(), in.readString(), in.readNullableInt(),
                in.readLong(), in.readLong());
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

    private static SlaClock readClock(BinaryIn in) {
        return new SlaClock(in.readEnum(KINDS), in.readEnum(CLOCK_STATES), in.readInt(), in.readEnum(TIERS), in.readString(),
                in.readLong(), in.readInstant(), in.readInstant(), in.readLong(), in.readInstant(), in.readInstant(),
                in.readBoolean(), in.readInstant(), in.readLong());
    }

    private static RaisedAlert readAlert(BinaryIn in) {
        return new RaisedAlert(in.readString(), in.readEnum(ALERT_TYPES), in.readString(), in.readString(), in.readInt(),
                in.readInstant(), in.readInstant(), in.readString(), in.readString(), in.readString(), in.readBoolean(),
                in.readInstant(), in.readInt(), in.readInstant());
    }

    private static HandoffNote readHandoff(BinaryIn in) {
        if (!in.readBoolean()) {
            return null;
        }
        return new HandoffNote(in.readInstant(), in.readEnum(TIERS), in.readEnum(TIERS), in.readString(), readStrings(in),
                in.readString(), in.readString(), in.readString());
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
