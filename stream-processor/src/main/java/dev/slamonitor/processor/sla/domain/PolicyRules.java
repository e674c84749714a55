package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the policy's JSON Schema cannot say, checked on a document that passed it, and the binding of
 * the document into an {@link SlaPolicy}: durations, calendars named by severity exist, every
 * severity present where required, tiers known. One run per document; it collects every violation
 * before deciding, so a bad document can never be half-applied.
 */
final class PolicyRules {

    private final PolicyDocument doc;
    private final PolicyChecks checks;

    PolicyRules(PolicyDocument doc, List<String> violations) {
        this.doc = doc;
        this.checks = new PolicyChecks(violations);
    }

    /** The policy, or null with the violations collected. */
    SlaPolicy run() {
        // id, version, warnFraction and the numeric bounds below are the schema's; this checks the rest
        double warn = doc.warnFraction() == null ? 0.75 : doc.warnFraction();
        SlaPolicy.Selector selector = selector(doc.selector());
        Map<String, CalendarSpec> calendars = new PolicyCalendarsReader(checks).read(doc.calendars());
        Map<Severity, String> calendarBySeverity = perSeverity("calendarBySeverity", doc.calendarBySeverity(), true,
                (path, name) -> {
                    if (!calendars.containsKey(name)) {
                        checks.add(path + ": unknown calendar '" + name + "' (declared: " + calendars.keySet() + ")");
                    }
                    return name;
                });
        Map<Severity, Map<SupportTier, PolicyDuration>> tierLimits = tierLimits();
        Map<Severity, PolicyDuration> firstResponse = durationsPerSeverity("firstResponse", doc.firstResponse(), true);
        Map<Severity, PolicyDuration> customerUpdate = durationsPerSeverity("customerUpdate", doc.customerUpdate(), false);
        PolicyDuration handoffAck = doc.handoffAck() == null ? null : checks.positive("handoffAck", doc.handoffAck());
        SlaPolicy.AutoEscalation auto = autoEscalation();
        SlaPolicy.Renotify renotify = renotify();
        if (checks.count() > 0) {
            return null;
        }
        return new SlaPolicy(doc.id(), doc.version(), doc.description(),
                doc.priority() == null ? 0 : doc.priority(), selector, warn, calendars, calendarBySeverity,
                tierLimits, firstResponse, customerUpdate, handoffAck, auto, renotify);
    }

    private SlaPolicy.Selector selector(PolicyDocument.SelectorDoc s) {
        if (s == null) {
            return new SlaPolicy.Selector(Set.of(), Set.of(), Set.of(), List.of());
        }
        Set<Severity> severities = new HashSet<>();
        for (String text : PolicyChecks.orEmpty(s.severities())) {
            checks.severity("selector.severities", text).ifPresent(severities::add);
        }
        return new SlaPolicy.Selector(Set.copyOf(severities), Set.copyOf(PolicyChecks.orEmpty(s.customerTiers())),
                Set.copyOf(PolicyChecks.orEmpty(s.teams())), List.copyOf(PolicyChecks.orEmpty(s.ticketIdPrefixes())));
    }

    private Map<Severity, Map<SupportTier, PolicyDuration>> tierLimits() {
        Map<Severity, Map<SupportTier, PolicyDuration>> matrix = new EnumMap<>(Severity.class);
        perSeverity("tierLimits", doc.tierLimits(), true, (path, row) -> {
            Map<SupportTier, PolicyDuration> limits = new EnumMap<>(SupportTier.class);
            for (SupportTier tier : SupportTier.values()) {
                String text = row == null ? null : row.get(tier.wire());
                if (text == null) {
                    checks.add(path + "." + tier.wire() + ": required (a duration, 'immediate' or 'on request')");
                    continue;
                }
                checks.duration(path + "." + tier.wire(), text).ifPresent(d -> limits.put(tier, d));
            }
            if (row != null) {
                row.keySet().stream().filter(k -> tierOf(k).isEmpty())
                        .forEach(k -> checks.add(path + "." + k + ": unknown tier (L1, L2, L3, management)"));
            }
            return limits;
        }).forEach(matrix::put);
        return matrix;
    }

    private Map<Severity, PolicyDuration> durationsPerSeverity(String path, Map<String, String> doc, boolean required) {
        Map<Severity, PolicyDuration> result = new EnumMap<>(Severity.class);
        perSeverity(path, doc, required, (p, text) -> checks.duration(p, text).orElse(null))
                .forEach((k, v) -> {
                    if (v != null) {
                        result.put(k, v);
                    }
                });
        return result;
    }

    /** Reads a map keyed by severity; with {@code required}, every severity must be present. */
    private <T, R> Map<Severity, R> perSeverity(String path, Map<String, T> doc, boolean required,
                                                 BiFunction<String, T, R> value) {
        Map<Severity, R> result = new EnumMap<>(Severity.class);
        if (doc == null) {
            return result;
        }
        doc.forEach((key, v) -> checks.severity(path, key).ifPresent(s -> {
            R mapped = value.apply(path + "." + key, v);
            if (mapped != null) {
                result.put(s, mapped);
            }
        }));
        if (required) {
            for (Severity s : Severity.values()) {
                if (!doc.containsKey(s.wire())) {
                    checks.add(path + "." + s.wire() + ": required");
                }
            }
        }
        return result;
    }

    private SlaPolicy.AutoEscalation autoEscalation() {
        PolicyDocument.AutoEscalationDoc a = doc.autoEscalation();
        if (a == null) {
            return new SlaPolicy.AutoEscalation(null, null, null, false);
        }
        PolicyDuration noUpdate = a.noUpdateFor() == null ? null : checks.positive("autoEscalation.noUpdateFor", a.noUpdateFor());
        return new SlaPolicy.AutoEscalation(noUpdate, a.customerReplies(), a.csatBelow(), Boolean.TRUE.equals(a.vipAccount()));
    }

    private SlaPolicy.Renotify renotify() {
        PolicyDocument.RenotifyDoc r = doc.renotify();
        if (r == null) {
            return new SlaPolicy.Renotify(new PolicyDuration(0, 900_000), 0);
        }
        PolicyDuration interval = checks.positive("renotify.interval", r.interval());
        int max = r.maxLevel() == null ? 0 : r.maxLevel();
        return new SlaPolicy.Renotify(interval, max);
    }

    private static Optional<SupportTier> tierOf(String text) {
        try {
            return Optional.of(SupportTier.fromWire(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
