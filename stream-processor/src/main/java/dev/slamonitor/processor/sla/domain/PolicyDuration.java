package dev.slamonitor.processor.sla.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target as a policy writes it: {@code 15m}, {@code 4h}, {@code 2d}, {@code 30s}, {@code immediate}
 * (zero) or {@code on request} (no clock at all, hence {@link #parse} returns empty).
 *
 * <p>Days are business days of the calendar the clock runs on: 24 h on a 24/7 calendar, the
 * calendar's {@code businessDay} (e.g. 8 h) on a business-hours calendar, so "1 day" in the matrix
 * means what a support team means by it. Everything below a day is business time as is.
 */
public record PolicyDuration(long days, long millis) {

    public static final PolicyDuration IMMEDIATE = new PolicyDuration(0, 0);
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public PolicyDuration {
        if (days < 0 || millis < 0) {
            throw new IllegalArgumentException("a policy duration cannot be negative");
        }
    }

    /**
     * @return the duration, or empty for {@code on request}
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Optional<PolicyDuration> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing duration; expected e.g. 15m, 4h, 2d, immediate or on request");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("immediate")) {
            return Optional.of(IMMEDIATE);
        }
        if (t.equals("on request")) {
            return Optional.empty();
        }
        Matcher m = SHORT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 30s, 15m, 4h, 2d, immediate or on request");
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> new PolicyDuration(0, n);
            case "s" -> new PolicyDuration(0, n * 1_000);
            case "m" -> new PolicyDuration(0, n * 60_000);
            case "h" -> new PolicyDuration(0, n * 3_600_000);
            default -> new PolicyDuration(n, 0);
        });
    }

    /** Business milliseconds on a calendar whose business day lasts {@code businessDayMillis}. */
    public long toBusinessMillis(long businessDayMillis) {
        return days * businessDayMillis + millis;
    }

    public boolean isZero() {
        return days == 0 && millis == 0;
    }

    @Override
    public String toString() {
        if (isZero()) {
            return "immediate";
        }
        if (days > 0) {
            return days + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }
}
