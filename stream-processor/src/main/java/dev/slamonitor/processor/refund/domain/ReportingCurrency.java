package dev.slamonitor.processor.refund.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one currency refund leakage is reported in, with the conversion table that gets every refund
 * there: {@code rates} maps a currency to the value of one unit of it in the reporting currency, and
 * the table says until when its rates are meant to hold (a stale table is visible, not silently used
 * forever). Pure: no Kafka, no Micrometer.
 *
 * @param currency        ISO 4217 code of the reporting currency (rate 1 implied)
 * @param rates           reporting-currency value of one unit of each other currency
 * @param ratesValidUntil last day the rates are meant for
 */
public record ReportingCurrency(String currency, Map<String, BigDecimal> rates, LocalDate ratesValidUntil) {

    private static final int SCALE = 4;

    public ReportingCurrency {
        rates = Map.copyOf(rates);
    }

    /**
     * Parses {@code USD=0.92,GBP=1.17} (three-letter codes, positive decimals).
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static ReportingCurrency parse(String currency, String ratesText, LocalDate validUntil) {
        if (!isCode(currency)) {
            throw new IllegalArgumentException("'" + currency + "' is not a three-letter currency code");
        }
        Map<String, BigDecimal> rates = new TreeMap<>();
        for (String entry : ratesText.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split("=", 2);
            BigDecimal rate;
            try {
                rate = parts.length == 2 ? new BigDecimal(parts[1].trim()) : null;
            } catch (NumberFormatException e) {
                rate = null;
            }
            String code = parts[0].trim().toUpperCase(Locale.ROOT);
            if (!isCode(code) || rate == null || rate.signum() <= 0) {
                throw new IllegalArgumentException("entry '" + entry.trim() + "' is not CODE=positive-rate");
            }
            rates.put(code, rate);
        }
        return new ReportingCurrency(currency.toUpperCase(Locale.ROOT), rates, validUntil);
    }

    /** The amount in the reporting currency, or empty when the table has no rate for {@code from}. */
    public Optional<BigDecimal> convert(String from, BigDecimal amount) {
        String code = from == null ? "" : from.toUpperCase(Locale.ROOT);
        if (code.equals(currency)) {
            return Optional.of(amount);
        }
        BigDecimal rate = rates.get(code);
        return rate == null ? Optional.empty() : Optional.of(amount.multiply(rate).setScale(SCALE, RoundingMode.HALF_EVEN));
    }

    private static boolean isCode(String code) {
        return code != null && code.matches("[A-Za-z]{3}");
    }
}
