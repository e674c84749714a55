package dev.slamonitor.api.tickets;

import dev.slamonitor.event.Customer;
import dev.slamonitor.state.AckView;
import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The view's compact form of a {@link TicketSnapshot}: one byte array per ticket holding every field
 * (clocks, alert summaries, acks, completed cycles and clock events included), with low-cardinality
 * strings as {@link StringPool} ids, instants as epoch seconds and nanoseconds relative to the
 * ticket's own base, numbers as varints, and null kept distinct from empty. {@link #decode} returns a
 * snapshot equal to the one encoded, so the JSON rendered from it is the same byte for byte.
 */
final class TicketCodec {

    private static final byte VERSION = 1;

    private final StringPool pool;

    TicketCodec(StringPool pool) {
        this.pool = pool;
    }

    byte[] encode(String key, TicketSnapshot t) {
        CompactBytes.Writer w = new CompactBytes.Writer(pool);
        w.varLong(VERSION);
        Instant base = t.openedAt() != null ? t.openedAt() : t.updatedAt();
        w.base(base == null ? 0 : base.getEpochSecond());
        boolean sameId = key.equals(t.ticketId());
        w.bool(sameId);
        if (!sameId) {
            w.text(t.ticketId());
        }
        w.pooled(t.status());
        w.pooled(t.severity());
        w.pooled(t.tier());
        w.pooled(t.owner());
        Customer c = t.customer();
        w.bool(c != null);
        if (c != null) {
            w.pooled(c.id());
            w.pooled(c.tier());
            w.nullableBool(c.vip());
            w.pooled(c.timeZone());
        }
        w.pooled(t.team());
        w.pooled(t.channel());
        w.instant(t.openedAt());
        w.instant(t.lastEventAt());
        w.instant(t.lastAgentActivityAt());
        w.instant(t.lastCustomerActivityAt());
        w.signed(t.agentReplies());
        w.signed(t.customerReplies());
        w.signed(t.customerRepliesSinceAgentReply());
        w.signed(t.escalations());
        w.instant(t.resolvedAt());
        w.pooled(t.rootCause());
        w.nullableInt(t.csat());
        w.signed(t.appliedEvents());
        w.pooled(t.policyId());
        w.nullableInt(t.policyVersion());
        if (w.list(t.clocks())) {
            t.clocks().forEach(clock -> clock(w, clock));
        }
        if (w.list(t.alerts())) {
            t.alerts().forEach(a -> {
                w.text(a.alertId());
                w.pooled(a.type());
                w.pooled(a.clock());
                w.pooled(a.reason());
                w.signed(a.level());
                w.instant(a.firedAt());
                w.bool(a.acknowledged());
            });
        }
        if (w.list(t.acks())) {
            t.acks().forEach(a -> {
                w.text(a.alertId());
                w.pooled(a.by());
                w.text(a.note());
                w.instant(a.at());
            });
        }
        w.instant(t.updatedAt());
        if (w.list(t.completedCycles())) {
            t.completedCycles().forEach(cycle -> cycle(w, cycle));
        }
        if (w.list(t.slaEvents())) {
            t.slaEvents().forEach(e -> {
                w.pooled(e.clock());
                w.signed(e.cycle());
                w.pooled(e.type());
                w.instant(e.at());
                w.nullableLong(e.goalMillis());
            });
        }
        return w.toArray();
    }

    private static void clock(CompactBytes.Writer w, ClockView c) {
        w.pooled(c.name());
        w.pooled(c.state());
        w.instant(c.startedAt());
        w.instant(c.deadline());
        w.instant(c.warnAt());
        w.signed(c.targetMillis());
        w.signed(c.elapsedBusinessMillis());
        w.pooled(c.calendar());
        w.nullableInt(c.cycle());
        w.instant(c.stoppedAt());
        w.nullableLong(c.pausedMillis());
    }

    private static void cycle(CompactBytes.Writer w, ClockCycleView c) {
        w.pooled(c.clock());
        w.signed(c.cycle());
        w.pooled(c.tier());
        w.pooled(c.calendar());
        w.instant(c.startedAt());
        w.instant(c.stoppedAt());
        w.signed(c.goalMillis());
        w.signed(c.elapsedBusinessMillis());
        w.signed(c.pausedMillis());
        w.pooled(c.outcome());
        w.bool(c.breached());
        w.instant(c.breachedAt());
    }

    TicketSnapshot decode(String key, byte[] bytes) {
        CompactBytes.Reader r = new CompactBytes.Reader(bytes, pool);
        long version = r.varLong();
        if (version != VERSION) {
            throw new IllegalStateException("unknown ticket encoding " + version);
        }
        r.base();
        String ticketId = r.bool() ? key : r.text();
        String status = r.pooled();
        String severity = r.pooled();
        String tier = r.pooled();
        String owner = r.pooled();
        Customer customer = r.bool() ? new Customer(r.pooled(), r.pooled(), r.nullableBool(), r.pooled()) : null;
        String team = r.pooled();
        String channel = r.pooled();
        Instant openedAt = r.instant();
        Instant lastEventAt = r.instant();
        Instant lastAgent = r.instant();
        Instant lastCustomer = r.instant();
        int agentReplies = r.signedInt();
        int customerReplies = r.signedInt();
        int sinceAgent = r.signedInt();
        int escalations = r.signedInt();
        Instant resolvedAt = r.instant();
        String rootCause = r.pooled();
        Integer csat = r.nullableInt();
        long appliedEvents = r.signed();
        String policyId = r.pooled();
        Integer policyVersion = r.nullableInt();
        List<ClockView> clocks = list(r.list(), () -> new ClockView(r.pooled(), r.pooled(), r.instant(), r.instant(),
                r.instant(), r.signed(), r.signed(), r.pooled(), r.nullableInt(), r.instant(), r.nullableLong()));
        List<AlertSummary> alerts = list(r.list(), () -> new AlertSummary(r.text(), r.pooled(), r.pooled(), r.pooled(),
                r.signedInt(), r.instant(), r.bool()));
        List<AckView> acks = list(r.list(), () -> new AckView(r.text(), r.pooled(), r.text(), r.instant()));
        Instant updatedAt = r.instant();
        List<ClockCycleView> cycles = list(r.list(), () -> new ClockCycleView(r.pooled(), r.signedInt(), r.pooled(),
                r.pooled(), r.instant(), r.instant(), r.signed(), r.signed(), r.signed(), r.pooled(), r.bool(), r.instant()));
        List<SlaEventView> events = list(r.list(), () -> new SlaEventView(r.pooled(), r.signedInt(), r.pooled(), r.instant(),
                r.nullableLong()));
        return new TicketSnapshot(ticketId, status, severity, tier, owner, customer, team, channel, openedAt, lastEventAt,
                lastAgent, lastCustomer, agentReplies, customerReplies, sinceAgent, escalations, resolvedAt, rootCause, csat,
                appliedEvents, policyId, policyVersion, clocks, alerts, acks, updatedAt, cycles, events);
    }

    private static <T> List<T> list(int size, java.util.function.Supplier<T> element) {
        if (size < 0) {
            return null;
        }
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.get());
        }
        return out;
    }
}
