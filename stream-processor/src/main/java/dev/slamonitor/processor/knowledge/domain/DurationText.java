package dev.slamonitor.processor.knowledge.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the taxonomy document: short forms ({@code 500ms}, {@code 30s},
 * {@code 15m}, {@code 48h}, {@code 7d}) or ISO-8601 ({@code P7D}). {@link #label} gives the one
 * canonical spelling, so {@code P7D} and {@code 7d} name the same window everywhere.
 */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationText() {
    }

    /** The positive duration the text names, or empty when it names none. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Duration d;
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** The canonical short spelling: the largest unit that divides the duration exactly. */
    public static String label(Duration d) {
        long ms = d.toMillis();
        if (ms % Duration.ofDays(1).toMillis() == 0) {
            return ms / Duration.ofDays(1).toMillis() + "d";
        }
        if (ms % Duration.ofHours(1).toMillis() == 0) {
            return ms / Duration.ofHours(1).toMillis() + "h";
        }
        if (ms % Duration.ofMinutes(1).toMillis() == 0) {
            return ms / Duration.ofMinutes(1).toMillis() + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
