package dev.slamonitor.processor.sla.domain;

import java.time.Instant;

/**
 * One change of one SLA clock, like Zendesk's ticket metric events: {@code activate} (a cycle
 * started), {@code pause}, {@code resume}, {@code fulfil} (met), {@code stop} (no longer relevant),
 * {@code breach} (its deadline passed; {@code at} is the deadline), {@code breach_end} (a breached
 * cycle stopped counting) and {@code update} (new goal or calendar, e.g. a severity change).
 * {@code at} is the business meaning's time (event time), not when the processor saw it.
 */
public record SlaEvent(String clock, int cycle, String type, Instant at, Long goalMillis) {

    public static final String ACTIVATE = "activate";
    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String FULFIL = "fulfil";
    public static final String STOP = "stop";
    public static final String BREACH = "breach";
    public static final String BREACH_END = "breach_end";
    public static final String UPDATE = "update";
}
