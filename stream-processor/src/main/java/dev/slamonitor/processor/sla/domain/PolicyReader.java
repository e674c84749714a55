package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.json.DocumentSchema;
import dev.slamonitor.processor.kernel.Result;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a policy document: its shape and bounds against the published JSON Schema
 * ({@link #SCHEMA_RESOURCE}), then what a schema cannot say (durations, zones, hours, calendars
 * named by severity, every severity present). All-or-nothing: either every field is valid and a complete
 * {@link SlaPolicy} comes back, or a list of violations naming each field ({@code tierLimits.high.L2:
 * '4 hours' is not a duration ...}) and no policy, so a bad document can never be half-applied.
 * Thread-safe and stateless.
 */
public final class PolicyReader {

    /** The published shape and bounds of a policy; what it cannot say (durations, zones, hours, cross-field rules) is checked here. */
    public static final String SCHEMA_RESOURCE = "/schema/sla-policy.schema.json";
    private static final DocumentSchema SCHEMA = DocumentSchema.load(SCHEMA_RESOURCE);

    public Result<SlaPolicy> read(byte[] json) {
        if (json == null || json.length == 0) {
            return refused("empty policy document", json);
        }
        DocumentSchema.Reading<PolicyDocument> reading = SCHEMA.read(json, PolicyDocument.class);
        List<String> violations = reading.problems();
        PolicyDocument doc = reading.document();
        if (doc == null) {
            return refused(String.join("; ", violations), json);
        }
        SlaPolicy policy = new Validation(doc, violations).run();
        return violations.isEmpty() ? Result.ok(policy) : refused(String.join("; ", violations), json);
    }

    private static Result<SlaPolicy> refused(String detail, byte[] json) {
        return Result.refused(DeadLetterReason.INVALID_POLICY, detail, json);
    }

    /** One validation run, collecting every violation before deciding. */
    private static final class Validation {
        private final PolicyDocument doc;
        private final List<String> violations;

        Validation(PolicyDocument doc, List<String> violations) {
            this.doc = doc;
            this.violations = violations;
        }

        /** The policy, or null with the violations collected. */
        SlaPolicy run() {
            // id, version, warnFraction and the numeric bounds below are the schema's; this checks the rest
            double warn = doc.warnFraction() == null ? 0.75 : doc.warnFraction();
            SlaPolicy.Selector selector = selector(doc.selector());
            Map<String, CalendarSpec> calendars = calendars();
            Map<Severity, String> calendarBySeverity = perSeverity("calendarBySeverity", doc.calendarBySeverity(), true,
                    (path, name) -> {
                        if (!calendars.containsKey(name)) {
                            violations.add(path + ": unknown calendar '" + name + "' (declared: " + calendars.keySet() + ")");
                        }
                        return name;
                    });
            Map<Severity, Map<SupportTier, PolicyDuration>> tierLimits = tierLimits();
            Map<Severity, PolicyDuration> firstResponse = durationsPerSeverity("firstResponse", doc.firstResponse(), true);
            Map<Severity, PolicyDuration> customerUpdate = durationsPerSeverity("customerUpdate", doc.customerUpdate(), false);
            PolicyDuration handoffAck = doc.handoffAck() == null ? null : positive("handoffAck", doc.handoffAck());
            SlaPolicy.AutoEscalation auto = autoEscalation();
            SlaPolicy.Renotify renotify = renotify();
            if (!violations.isEmpty()) {
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
            for (String text : orEmpty(s.severities())) {
                severity("selector.severities", text).ifPresent(severities::add);
            }
            return new SlaPolicy.Selector(Set.copyOf(severities), Set.copyOf(orEmpty(s.customerTiers())),
                    Set.copyOf(orEmpty(s.teams())), List.copyOf(orEmpty(s.ticketIdPrefixes())));
        }

        private Map<String, CalendarSpec> calendars() {
            Map<String, CalendarSpec> result = new LinkedHashMap<>();
            if (doc.calendars() == null) {
                return result;
            }
            doc.calendars().forEach((name, c) -> calendar("calendars." + name, name, c).ifPresent(spec -> result.put(name, spec)));
            return result;
        }

        private Optional<CalendarSpec> calendar(String path, String name, PolicyDocument.CalendarDoc c) {
            if (c == null) {
                violations.add(path + ": must be an object");
                return Optional.empty();
            }
            if (Boolean.TRUE.equals(c.alwaysOpen())) {
                return alwaysOpen(path, name, c);
            }
            int before = violations.size();
            String zone = c.zone();
            if (zone == null) {
                violations.add(path + ".zone: required (an IANA zone such as Europe/Berlin, or 'customer')");
            } else if (!CalendarSpec.CUSTOMER_ZONE.equals(zone)) {
                zone(path + ".zone", zone);
            }
            ZoneId fallback = c.fallbackZone() == null ? ZoneId.of("UTC") : zone(path + ".fallbackZone", c.fallbackZone());
            Map<DayOfWeek, List<TimeRange>> weekly = weeklyHours(path + ".weeklyHours", c.weeklyHours());
            Set<LocalDate> holidays = holidays(path, c);
            CalendarRules rules = new CalendarRulesReader(path, violations).read(c, weekly, holidays);
            PolicyDuration day = positive(path + ".businessDay", c.businessDay());
            if (day != null && (day.days() > 0 || day.millis() > 86_400_000L)) {
                violations.add(path + ".businessDay: at most 24h (got " + c.businessDay() + ")");
            }
            if (violations.size() > before || day == null || fallback == null) {
                return Optional.empty();
            }
            return Optional.of(new CalendarSpec(name, false, zone, fallback, rules, day.millis()));
        }

        /** 24/7, optionally with holidays and overrides whose dates are local to {@code zone} (default UTC). */
        private Optional<CalendarSpec> alwaysOpen(String path, String name, PolicyDocument.CalendarDoc c) {
            if (c.weeklyHours() != null || c.businessDay() != null) {
                violations.add(path + ": an alwaysOpen calendar takes no weeklyHours or businessDay");
            }
            boolean dated = c.holidays() != null || c.holidaysIcs() != null || c.overrides() != null;
            if (c.zone() != null && !dated) {
                violations.add(path + ": an alwaysOpen calendar takes a zone only for its holidays or overrides");
            }
            int before = violations.size();
            String zone = c.zone() == null ? "UTC" : c.zone();
            if (!CalendarSpec.CUSTOMER_ZONE.equals(zone)) {
                zone(path + ".zone", zone);
            }
            ZoneId fallback = c.fallbackZone() == null ? ZoneId.of("UTC") : zone(path + ".fallbackZone", c.fallbackZone());
            CalendarRules rules = new CalendarRulesReader(path, violations).readAlwaysOpen(c, holidays(path, c));
            if (violations.size() > before || fallback == null) {
                return Optional.empty();
            }
            return Optional.of(dated ? new CalendarSpec(name, true, zone, fallback, rules, 86_400_000L)
                    : CalendarSpec.alwaysOpen(name));
        }

        private Set<LocalDate> holidays(String path, PolicyDocument.CalendarDoc c) {
            Set<LocalDate> holidays = new HashSet<>();
            for (String text : orEmpty(c.holidays())) {
                try {
                    holidays.add(LocalDate.parse(text));
                } catch (DateTimeException e) {
                    violations.add(path + ".holidays: '" + text + "' is not a date (YYYY-MM-DD)");
                }
            }
            return holidays;
        }

        private Map<DayOfWeek, List<TimeRange>> weeklyHours(String path, Map<String, List<String>> doc) {
            Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
            if (doc == null || doc.isEmpty()) {
                violations.add(path + ": required unless alwaysOpen (e.g. {\"MONDAY\": [\"09:00-17:00\"]})");
                return weekly;
            }
            doc.forEach((dayText, ranges) -> {
                DayOfWeek day;
                try {
                    day = DayOfWeek.valueOf(dayText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    violations.add(path + ": '" + dayText + "' is not a day of the week (MONDAY..SUNDAY)");
                    return;
                }
                List<TimeRange> parsed = new ArrayList<>();
                for (String text : orEmpty(ranges)) {
                    try {
                        parsed.add(TimeRange.parse(text));
                    } catch (IllegalArgumentException e) {
                        violations.add(path + "." + dayText + ": " + e.getMessage());
                    }
                }
                parsed.sort(Comparator.comparing(TimeRange::start));
                for (int i = 1; i < parsed.size(); i++) {
                    if (parsed.get(i - 1).overlaps(parsed.get(i))) {
                        violations.add(path + "." + dayText + ": ranges " + parsed.get(i - 1) + " and " + parsed.get(i) + " overlap");
                    }
                }
                weekly.put(day, List.copyOf(parsed));
            });
            if (weekly.values().stream().allMatch(List::isEmpty)) {
                violations.add(path + ": no opening hours in the whole week");
            }
            return weekly;
        }

        private Map<Severity, Map<SupportTier, PolicyDuration>> tierLimits() {
            Map<Severity, Map<SupportTier, PolicyDuration>> matrix = new EnumMap<>(Severity.class);
            perSeverity("tierLimits", doc.tierLimits(), true, (path, row) -> {
                Map<SupportTier, PolicyDuration> limits = new EnumMap<>(SupportTier.class);
                for (SupportTier tier : SupportTier.values()) {
                    String text = row == null ? null : row.get(tier.wire());
                    if (text == null) {
                        violations.add(path + "." + tier.wire() + ": required (a duration, 'immediate' or 'on request')");
                        continue;
                    }
                    duration(path + "." + tier.wire(), text).ifPresent(d -> limits.put(tier, d));
                }
                if (row != null) {
                    row.keySet().stream().filter(k -> tierOf(k).isEmpty())
                            .forEach(k -> violations.add(path + "." + k + ": unknown tier (L1, L2, L3, management)"));
                }
                return limits;
            }).forEach(matrix::put);
            return matrix;
        }

        private Map<Severity, PolicyDuration> durationsPerSeverity(String path, Map<String, String> doc, boolean required) {
            Map<Severity, PolicyDuration> result = new EnumMap<>(Severity.class);
            perSeverity(path, doc, required, (p, text) -> duration(p, text).orElse(null))
                    .forEach((k, v) -> {
                        if (v != null) {
                            result.put(k, v);
                        }
                    });
            return result;
        }

        /** Reads a map keyed by severity; with {@code required}, every severity must be present. */
        private <T, R> Map<Severity, R> perSeverity(String path, Map<String, T> doc, boolean required,
                                                     java.util.function.BiFunction<String, T, R> value) {
            Map<Severity, R> result = new EnumMap<>(Severity.class);
            if (doc == null) {
                return result;
            }
            doc.forEach((key, v) -> severity(path, key).ifPresent(s -> {
                R mapped = value.apply(path + "." + key, v);
                if (mapped != null) {
                    result.put(s, mapped);
                }
            }));
            if (required) {
                for (Severity s : Severity.values()) {
                    if (!doc.containsKey(s.wire())) {
                        violations.add(path + "." + s.wire() + ": required");
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
            PolicyDuration noUpdate = a.noUpdateFor() == null ? null : positive("autoEscalation.noUpdateFor", a.noUpdateFor());
            return new SlaPolicy.AutoEscalation(noUpdate, a.customerReplies(), a.csatBelow(), Boolean.TRUE.equals(a.vipAccount()));
        }

        private SlaPolicy.Renotify renotify() {
            PolicyDocument.RenotifyDoc r = doc.renotify();
            if (r == null) {
                return new SlaPolicy.Renotify(new PolicyDuration(0, 900_000), 0);
            }
            PolicyDuration interval = positive("renotify.interval", r.interval());
            int max = r.maxLevel() == null ? 0 : r.maxLevel();
            return new SlaPolicy.Renotify(interval, max);
        }

        private Optional<Severity> severity(String path, String text) {
            try {
                return Optional.of(Severity.fromWire(text));
            } catch (IllegalArgumentException e) {
                violations.add(path + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        private static Optional<SupportTier> tierOf(String text) {
            try {
                return Optional.of(SupportTier.fromWire(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private ZoneId zone(String path, String text) {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                violations.add(path + ": '" + text + "' is not an IANA time zone");
                return null;
            }
        }

        private Optional<PolicyDuration> duration(String path, String text) {
            try {
                return PolicyDuration.parse(text);
            } catch (IllegalArgumentException e) {
                violations.add(path + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        /** A required duration greater than zero ("on request" and "immediate" are refused). */
        private PolicyDuration positive(String path, String text) {
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

        private static <T> List<T> orEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }
}
