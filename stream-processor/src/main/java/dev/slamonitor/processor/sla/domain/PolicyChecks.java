package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.event.Severity;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The violations of one policy document as they are collected, with the value checks every part of
 * the policy reader shares (severities, zones, durations). Each check records a violation naming the
 * field's path and answers an empty or null value, so a reading goes on and reports every problem at once.
 */
final class PolicyChecks {

    private final List<String> violations;

    PolicyChecks(List<String> violations) {
        this.violations = violations;
    }

    /** The list the violations are added to, in the order they were found. */
    List<String> violations() {
        return violations;
    }

    void add(String violation) {
        violations.add(violation);
    }

    int count() {
        return violations.size();
    }

    Optional<Severity> severity(String path, String text) {
        try {
            return Optional.of(Severity.fromWire(text));
        } catch (IllegalArgumentException e) {
            violations.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    ZoneId zone(String path, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            violations.add(path + ": '" + text + "' is not an IANA time zone");
            return null;
        }
    }

    Optional<PolicyDuration> duration(String path, String text) {
        try {
            return PolicyDuration.parse(text);
        } catch (IllegalArgumentException e) {
            violations.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A required duration greater than zero ("on request" and "immediate" are refused). */
    PolicyDuration positive(String path, String text) {
        if (text == null) {
            violations.add(path + ": required (e.g. 15m)");
            return null;
        }
        Optional<PolicyDuration> d = duration(path, text);
        if (d.isPresent() && d.get().isZero() || d.isEmpty() && violations.stream().noneMatch(v -> v.startsWith(path + ":"))) {
            violations.add(path + ": must be a positive duration (got " + text + ")");
            return null;
        }
        return d.orElse(null);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
