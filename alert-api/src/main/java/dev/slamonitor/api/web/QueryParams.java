package dev.slamonitor.api.web;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.Violation;
import java.util.Arrays;
import java.util.stream.Collectors;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads multi-valued query filters ({@code ?severity=critical,high} or repeated parameters) and
 * collects a {@link Violation} per bad value, so one 400 names every bad parameter.
 */
public final class QueryParams {

    private static final Set<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::wire)
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    private static final Set<String> TIERS = Arrays.stream(SupportTier.values()).map(SupportTier::wire)
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

    private final RoutingContext ctx;
    private final List<Violation> violations = new java.util.ArrayList<>();

    public QueryParams(RoutingContext ctx) {
        this.ctx = ctx;
    }

    /** Every value of {@code name}, each checked against {@code allowed} (described by {@code expected}). */
    public Set<String> set(String name, Predicate<String> allowed, String expected) {
        Set<String> values = new LinkedHashSet<>();
        for (String raw : ctx.queryParam(name)) {
            for (String v : raw.split(",")) {
                String value = v.trim();
                if (value.isEmpty()) {
                    continue;
                }
                if (!allowed.test(value)) {
                    violations.add(new Violation(name, "'" + value + "' is not " + expected));
                } else {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** The {@code severity} filter: severities by their wire names. */
    public Set<String> severities() {
        return set("severity", SEVERITIES::contains, "one of " + SEVERITIES);
    }

    /** The {@code tier} filter: support tiers by their wire names. */
    public Set<String> tiers() {
        return set("tier", TIERS::contains, "one of " + TIERS);
    }

    public Set<String> set(String name) {
        return set(name, v -> true, "");
    }

    public int integer(String name, int min, int max, int fallback) {
        List<String> raw = ctx.queryParam(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get(0).trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation(name, "expected an integer between " + min + " and " + max));
        return fallback;
    }

    /** The opaque paging cursor ({@code cursor}): the position a previous page ended at, or null. */
    public String cursor() {
        String cursor = ctx.queryParams().get("cursor");
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            addViolation("cursor", "not a cursor returned by this API");
            return null;
        }
    }

    /** The cursor a page hands out for the page after it (see {@link #cursor()}). */
    public static String cursorAfter(String position) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(position.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void addViolation(String field, String message) {
        violations.add(new Violation(field, message));
    }

    public List<Violation> violations() {
        return violations;
    }
}
