package dev.slamonitor.processor.metrics.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One business target from configuration: {@code target.<name> = <= 0.15} or {@code >= 4.0}.
 * Durations ({@code 30m}, {@code 250ms}, {@code PT1H}) are converted to seconds, the base unit of
 * Prometheus timers, so a dashboard compares like with like.
 *
 * <p>Invariants: {@code metric} is the key after {@code target.} with dots as underscores
 * ({@code escalation_rate}); {@code better} is {@code lower} for {@code <=} and {@code higher} for
 * {@code >=}; on target means {@code value <= target} or {@code value >= target} respectively.
 */
public record BusinessTarget(String metric, Better better, double value) {

    private static final Pattern FORM = Pattern.compile("(<=|>=)\\s*(\\S+)");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    /** Which side of the target is good. */
    public enum Better {
        LOWER, HIGHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return empty when the text is not of the form {@code <= number|duration} or {@code >= number|duration} */
    public static Optional<BusinessTarget> parse(String configKeySuffix, String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        Better better = m.group(1).equals("<=") ? Better.LOWER : Better.HIGHER;
        return amount(m.group(2)).map(v -> new BusinessTarget(configKeySuffix.replace('.', '_'), better, v));
    }

    public boolean onTarget(double observed) {
        return better == Better.LOWER ? observed <= value : observed >= value;
    }

    private static Optional<Double> amount(String text) {
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            Matcher d = SHORT_DURATION.matcher(text);
            if (d.matches()) {
                double n = Double.parseDouble(d.group(1));
                return Optional.of(switch (d.group(2)) {
                    case "ms" -> n / 1000;
                    case "s" -> n;
                    case "m" -> n * 60;
                    case "h" -> n * 3600;
                    default -> n * 86400;
                });
            }
            try {
                return Optional.of(Duration.parse(text).toNanos() / 1e9);
            } catch (java.time.format.DateTimeParseException notADuration) {
                return Optional.empty();
            }
        }
    }
}
