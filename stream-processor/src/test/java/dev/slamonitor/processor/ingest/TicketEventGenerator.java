package dev.slamonitor.processor.ingest;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EscalationType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SopRejected;
import dev.slamonitor.event.SopUpdate;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random {@link TicketEvent}s for format tests: every event type, each optional field absent
 * or present independently of the type (a serde must carry whatever the record holds), strings from
 * empty to long with unicode from every plane (no lone surrogates: events reach the repartition only
 * after being parsed from UTF-8), instants to the nanosecond, amounts of many scales.
 */
public final class TicketEventGenerator {

    private static final String[] ALPHABETS = {"abcXYZ019-_ ", "äöüßéèçñ", "日本語中文한국어", "😀🎉👍🏽🇩🇪𝄞", "\"\\/\n\t\r\b\f", "\u0000\u0001\u001f\u007f",
            "\u2028\u2029\uFEFF\u00A0"};

    private final Random random;

    public TicketEventGenerator(long seed) {
        this.random = new Random(seed);
    }

    public TicketEvent next() {
        EventType type = pick(EventType.values());
        return new TicketEvent(random.nextInt(4) == 0 ? random.nextInt(3) - 1 : TicketEvent.CURRENT_SCHEMA_VERSION,
                string(), maybe() ? string() : "T-" + random.nextInt(100_000), type, instant(),
                maybe() ? pick(Severity.values()) : null,
                maybe() ? new Customer(maybeString(), maybeString(), maybe() ? random.nextBoolean() : null, maybeString()) : null,
                maybeString(), maybeString(), maybe() ? pick(SupportTier.values()) : null,
                maybe() ? pick(TicketStatus.values()) : null, maybeString(),
                maybe() ? pick(SupportTier.values()) : null, maybe() ? pick(SupportTier.values()) : null,
                maybe() ? pick(EscalationType.values()) : null,
                maybe() ? new Handoff(maybeString(), maybe() ? steps() : null, maybeString(), maybeString(), maybeString()) : null,
                maybeString(), maybeString(),
                maybe() ? new SopUpdate(maybeString()) : null, maybe() ? new SopRejected(maybeString()) : null,
                maybe() ? random.nextInt() : null, maybeString(), maybeString(), maybe() ? amount() : null,
                maybeString(), maybeString(), maybe() ? random.nextBoolean() : null, maybeString(), maybeString(), maybeString());
    }

    /** A just-opened ticket as producers send it, for size comparisons. */
    public static TicketEvent typicalOpened() {
        return TicketEvent.builder(EventType.TICKET_OPENED, "8f14e45f-ceea-467f-a8d0-1c2b3a4d5e6f", "T-104233",
                        Instant.parse("2026-12-01T09:14:07.123Z"))
                .severity(Severity.HIGH).customer(new Customer("C-4711", "enterprise", false, "Europe/Berlin"))
                .team("payments").channel("email").tier(SupportTier.L1).build();
    }

    private boolean maybe() {
        return random.nextBoolean();
    }

    private String maybeString() {
        return maybe() ? string() : null;
    }

    private List<String> steps() {
        int n = random.nextInt(5);
        List<String> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(random.nextInt(8) == 0 ? null : string());
        }
        return steps;
    }

    private String string() {
        int len = random.nextInt(20) == 0 ? random.nextInt(2_000) : random.nextInt(24);
        StringBuilder b = new StringBuilder(len);
        String alphabet = pick(ALPHABETS);
        for (int i = 0; i < len; ) {
            int cp = alphabet.codePointAt(random.nextInt(alphabet.length()));
            if (Character.isLowSurrogate((char) cp)) {
                continue; // landed on the second half of a pair: draw again
            }
            b.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private Instant instant() {
        long seconds = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond() + (long) (random.nextDouble() * 8_000_000_000L);
        return switch (random.nextInt(4)) {
            case 0 -> Instant.ofEpochSecond(seconds);
            case 1 -> Instant.ofEpochSecond(seconds, random.nextInt(1000) * 1_000_000L);
            case 2 -> Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1_000L);
            default -> Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
        };
    }

    private BigDecimal amount() {
        BigInteger unscaled = random.nextInt(5) == 0 ? new BigInteger(100, random) : BigInteger.valueOf(random.nextInt(10_000_000));
        return new BigDecimal(unscaled, random.nextInt(10) - 2);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
