package dev.slamonitor.api.tickets;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;

/** The list states of an open ticket; a ticket may be in several (breached and escalated). */
public enum TicketState {
    /** A running clock passed its warning point (or a WARNING alert is on record) but not its deadline. */
    AT_RISK,
    /** A clock passed its deadline (state BREACHED, an overdue running clock, or a BREACH alert on a live clock). */
    BREACHED,
    /** The ticket left L1 or was escalated at least once. */
    ESCALATED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TicketState> parse(String text) {
        for (TicketState s : values()) {
            if (s.wire().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** {@code states} as one bit per state (how the view stores them per ticket). */
    public static byte bits(Set<TicketState> states) {
        int bits = 0;
        for (TicketState s : states) {
            bits |= 1 << s.ordinal();
        }
        return (byte) bits;
    }

    public static EnumSet<TicketState> fromBits(byte bits) {
        EnumSet<TicketState> out = EnumSet.noneOf(TicketState.class);
        for (TicketState s : values()) {
            if ((bits & (1 << s.ordinal())) != 0) {
                out.add(s);
            }
        }
        return out;
    }
}
