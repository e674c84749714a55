package dev.slamonitor.processor.refund.domain;

import java.math.BigDecimal;

/** A count of approved refunds and their total amount (one currency). */
public record Tally(long count, BigDecimal amount) {

    public static final Tally ZERO = new Tally(0, BigDecimal.ZERO);

    public Tally plus(BigDecimal value) {
        return new Tally(count + 1, amount.add(value));
    }

    public Tally plus(Tally other) {
        return new Tally(count + other.count, amount.add(other.amount));
    }
}
