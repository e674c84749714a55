package dev.slamonitor.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures, one implementation for both directions. Outbound {@code json} webhooks
 * are signed the way Stripe and GitHub sign theirs: header {@value #TIMESTAMP_HEADER} = Unix
 * seconds, header {@value #SIGNATURE_HEADER} = {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>};
 * a receiver recomputes it over the raw body, compares in constant time and rejects a timestamp
 * outside its replay window. Inbound PagerDuty V3 webhooks carry {@code X-PagerDuty-Signature:
 * v1=<hex HMAC-SHA256(secret, body)>[,v1=...]} (several during a secret rotation), checked by {@link #anyMatches}.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Slamon-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slamon-Signature";
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** {@code v1=<hex>} over {@code timestamp + "." + body}. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        byte[] prefix = (epochSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1=" + hex(secret, signed);
    }

    /** True when the signature matches and the timestamp lies within {@code window} of {@code now}. */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader, Instant now,
                                 Duration window) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > window.toSeconds()) {
            return false;
        }
        return anyMatches(signatureHeader, sign(secret, ts, body));
    }

    /** PagerDuty's {@code v1=} signature of a raw body. */
    public static String pagerDuty(String secret, byte[] body) {
        return "v1=" + hex(secret, body);
    }

    /** True when one of the comma-separated signatures equals {@code expected} (constant-time per candidate). */
    public static boolean anyMatches(String header, String expected) {
        if (header == null) {
            return false;
        }
        boolean match = false;
        byte[] want = expected.getBytes(StandardCharsets.US_ASCII);
        for (String candidate : header.split(",")) {
            match |= MessageDigest.isEqual(want, candidate.trim().getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static String hex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
