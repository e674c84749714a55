package dev.slamonitor.processor.sla.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * {@code stoppedAt} is set when the cycle stops counting: SATISFIED or STOPPED, or a BREACHED cycle
 * whose stop condition came (its event, a restart, the ticket's resolution); a BREACHED cycle keeps
 * counting its overrun in {@code consumedMillis} until then. Every method returns a new value.
 *
 * @param tier         the tier whose limit applies (resolution clock), else the tier at start
 * @param calendar     name of the policy calendar the clock runs on
 * @param pausedMillis wall-clock time the cycle spent paused (while PAUSED, up to {@code segmentStart})
 */
public record SlaClock(ClockKind kind, ClockState state, int cycle, SupportTier tier, String calendar,
                       long targetMillis, Instant startedAt, Instant segmentStart, long consumedMillis,
                       Instant deadline, Instant warnAt, boolean warned, Instant stoppedAt, long pausedMillis) {

    public static SlaClock start(ClockKind kind, int cycle, SupportTier tier, String calendarName, BusinessCalendar cal,
                                 long targetMillis, Instant at, double warnFraction) {
        return start(kind, cycle, tier, calendarName, cal, targetMillis, at, warnFraction, 0);
    }

    /** A cycle that continues with business time already used by an earlier one (a reopened management notice). */
    static SlaClock start(ClockKind kind, int cycle, SupportTier tier, String calendarName, BusinessCalendar cal,
                          long targetMillis, Instant at, double warnFraction, long alreadyConsumed) {
        return new SlaClock(kind, ClockState.RUNNING, cycle, tier, calendarName, targetMillis, at, at, alreadyConsumed,
                null, null, false, null, 0).scheduled(cal, warnFraction);
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

    /** Active, or breached and still waiting for its stop condition: the cycle is not complete yet. */
    @JsonIgnore
    public boolean isOpen() {
        return state.isActive() || state == ClockState.BREACHED && stoppedAt == null;
    }

    SlaClock pause(Instant at, BusinessCalendar cal) {
        if (state != ClockState.RUNNING) {
            return this;
        }
        SlaClock c = checkpoint(at, cal);
        return new SlaClock(kind, ClockState.PAUSED, cycle, tier, calendar, targetMillis, startedAt, c.segmentStart,
                c.consumedMillis, null, null, warned, null, pausedMillis);
    }

    SlaClock resume(Instant at, BusinessCalendar cal, double warnFraction) {
        if (state != ClockState.PAUSED) {
            return this;
        }
        Instant from = at.isAfter(segmentStart) ? at : segmentStart;
        return new SlaClock(kind, ClockState.RUNNING, cycle, tier, calendar, targetMillis, startedAt, from,
                consumedMillis, null, null, warned, null, pausedMillis + (from.toEpochMilli() - segmentStart.toEpochMilli()))
                .scheduled(cal, warnFraction);
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
                c.consumedMillis, null, null, stillWarned, null, pausedMillis).scheduled(newCal, warnFraction);
    }

    /**
     * Ends the cycle as SATISFIED or STOPPED at {@code at}; a BREACHED cycle instead stops counting its
     * overrun there (it stays BREACHED).
     */
    SlaClock finish(ClockState end, Instant at, BusinessCalendar cal) {
        if (state == ClockState.BREACHED && stoppedAt == null) {
            Instant stop = at.isAfter(segmentStart) ? at : segmentStart;
            return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart,
                    consumedMillis + cal.businessMillisBetween(segmentStart, stop), deadline, null, warned, stop, pausedMillis);
        }
        if (!state.isActive()) {
            return this;
        }
        SlaClock c = checkpoint(at, cal);
        Instant stop = at.isAfter(segmentStart) ? at : segmentStart;
        long paused = state == ClockState.PAUSED ? pausedMillis + (stop.toEpochMilli() - segmentStart.toEpochMilli())
                : pausedMillis;
        return new SlaClock(kind, end, cycle, tier, calendar, targetMillis, startedAt, c.segmentStart, c.consumedMillis,
                null, null, warned, stop, paused);
    }

    SlaClock breached() {
        return new SlaClock(kind, ClockState.BREACHED, cycle, tier, calendar, targetMillis, startedAt, deadline,
                targetMillis, deadline, null, true, null, pausedMillis);
    }

    SlaClock warnedNow() {
        return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart, consumedMillis,
                deadline, null, true, stoppedAt, pausedMillis);
    }

    /** Folds the running segment up to {@code at} into the consumed time (no-op unless RUNNING and at is later). */
    SlaClock checkpoint(Instant at, BusinessCalendar cal) {
        if (state != ClockState.RUNNING || !at.isAfter(segmentStart)) {
            return this;
        }
        return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, at,
                consumedMillis + cal.businessMillisBetween(segmentStart, at), deadline, warnAt, warned, stoppedAt,
                pausedMillis);
    }

    private SlaClock scheduled(BusinessCalendar cal, double warnFraction) {
        if (state != ClockState.RUNNING) {
            return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart,
                    consumedMillis, null, null, warned, stoppedAt, pausedMillis);
        }
        Instant due = cal.addBusinessTime(segmentStart, Math.max(0, targetMillis - consumedMillis));
        Instant warnDue = null;
        if (kind.isSlaTarget() && !warned) {
            long warnMillis = (long) (targetMillis * warnFraction);
            warnDue = consumedMillis < warnMillis ? cal.addBusinessTime(segmentStart, warnMillis - consumedMillis) : segmentStart;
        }
        return new SlaClock(kind, state, cycle, tier, calendar, targetMillis, startedAt, segmentStart, consumedMillis,
                due, warnDue, warned, stoppedAt, pausedMillis);
    }
}
