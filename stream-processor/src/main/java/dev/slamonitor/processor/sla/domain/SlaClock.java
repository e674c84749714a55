package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.event.SupportTier;
import java.time.Instant;

/**
 * One cycle of one SLA clock. Time is kept non-destructively: {@code consumedMillis} is the business
 * time used before {@code segmentStart}; while RUNNING, the deadline is recomputed as
 * {@code segmentStart + (target - consumed)} on the calendar, so a pause, a new target (severity or
 * policy change) or a new calendar only changes the future, never the time already consumed.
 *
 * <p>Invariants: {@code deadline} is set while RUNNING (and kept after BREACHED for display), null
 * otherwise; {@code warnAt} is set only while RUNNING, before the warning fired, for SLA targets.
 * Every method returns a new value.
 *
 * @param tier the tier whose limit applies (resolution clock), else the tier at start
 * @param calendar name of the policy calendar the clock runs on
 */
public record SlaClock(ClockKind kind, ClockState state, int cycle, SupportTier tier, String calendar,
                       long targetMillis, Instant startedAt, Instant segmentStart, long consumedMillis,
                       Instant deadline, Instant warnAt, boolean warned) {

    public static SlaClock start(ClockKind kind, int cycle, SupportTier tier, String calendarName, BusinessCalendar cal,
                                 long targetMillis, Instant at, double warnFraction) {
        return new SlaClock(kind, ClockState.RUNNING, cycle, tier, calendarName, targetMillis, at, at, 0, null, null,
                false).scheduled(cal, warnFraction);
    }

    /** Business time used so far, including the running segment up to {@code now}. */
    public long elapsed(Instant now, BusinessCalendar cal) {
        return state == ClockState.RUNNING ? consumedMillis + cal.businessMillisBetween(segmentStart, now) : consumedMillis;
    }

    /** The next instant this clock needs attention: its warning, else its deadline; null unless RUNNING. */
    public Instant nextDue() {
        if (state != ClockState.RUNNING) {
            return null;
        }
        return warnAt != null && warnAt.isBefore(deadline) ? warnAt : deadline;
    }

    SlaClock pause(Instant at, BusinessCalendar cal) {
        if (state != ClockState.RUNNING) {
            return this;
        }
        SlaClock c = checkpoint(at, cal);
        return new SlaClock(kind, ClockState.PAUSED, cycle, tier, calendar, targetMillis, startedAt, c.segmentStart,
                c.consumedMillis, null, null, warned);
    }

    SlaClock resume(Instant at, BusinessCalendar cal, double warnFraction) {
        if (state != ClockState.PAUSED) {
            return this;
        }
        Instant from = at.isAfter(segmentStart) ? at : segmentStart;
        return new SlaClock(kind, ClockState.RUNNING, cycle, tier, calendar, targetMillis, startedAt, from,
                consumedMillis, null, null, warned).scheduled(cal, warnFraction);
    }

    /**
     * A new target and/or calendar from {@code at} on; time consumed so far is kept. A warning already
     * sent is not repeated unless the new target moves the warning threshold back into the future.
     */
    SlaClock retarget(Instant at, String calendarName, BusinessCalendar oldCal, BusinessCalendar newCal,
                      long newTarget, double warnFraction) {
        SlaClock c = checkpoint(at, oldCal);
        boolean stillWarned = warned && c.consumedMillis >= (long) (newTarget * warnFraction);
        return new SlaClock(kind, state, cycle, tier, calendarName, newTarget, startedAt, c.segmentStart,
                c.consumedMillis, null, null, stillWarned).scheduled(newCal, warnFraction);
    }

    /** Ends the cycle as SATISFIED or STOPPED at {@code at}. */
    SlaClock finish(ClockState end, Instant at, BusinessCalendar cal) {
        if (!state.isActive()) {
            return this;
        }
        SlaClock c = checkpoint(at, cal);
        return new SlaClock(kind, end, cycle, tier, calendar, targetMillis, startedAt, c.segmentStart, c.consumedMillis,
                null, null, warned);
    }

    SlaClock breached() {
        return new SlaClock(kind, ClockState.BREACHED, cycle, tier, calendar, targetMillis, startedAt, deadline,
                targetMillis, deadline, null, true);
    }

    SlaClock warnedNow() {
        return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart, consumedMillis,
                deadline, null, true);
    }

    /** Folds the running segment up to {@code at} into the consumed time (no-op unless RUNNING and at is later). */
    SlaClock checkpoint(Instant at, BusinessCalendar cal) {
        if (state != ClockState.RUNNING || !at.isAfter(segmentStart)) {
            return this;
        }
        return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, at,
                consumedMillis + cal.businessMillisBetween(segmentStart, at), deadline, warnAt, warned);
    }

    private SlaClock scheduled(BusinessCalendar cal, double warnFraction) {
        if (state != ClockState.RUNNING) {
            return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart,
                    consumedMillis, null, null, warned);
        }
        Instant due = cal.addBusinessTime(segmentStart, Math.max(0, targetMillis - consumedMillis));
        Instant warnDue = null;
        if (kind.isSlaTarget() && !warned) {
            long warnMillis = (long) (targetMillis * warnFraction);
            warnDue = consumedMillis < warnMillis ? cal.addBusinessTime(segmentStart, warnMillis - consumedMillis) : segmentStart;
        }
        return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart, consumedMillis,
                due, warnDue, warned);
    }
}
