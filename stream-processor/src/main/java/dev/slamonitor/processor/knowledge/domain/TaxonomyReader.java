package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.DocumentSchema;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.knowledge.RootCauseStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a taxonomy document as a whole, its shape and bounds against the published
 * JSON Schema ({@link #SCHEMA_RESOURCE}) and then the rules between its fields: either every rule
 * holds and the normalized {@link Taxonomy} comes back, or the complete list of violations does and
 * nothing of the document is used (never half-applied). Pure: no I/O besides parsing the given bytes.
 */
public final class TaxonomyReader {

    /** The published shape and bounds of a taxonomy (tags spelt like the event contract's {@code rootCause}). */
    public static final String SCHEMA_RESOURCE = "/schema/root-cause-taxonomy.schema.json";
    private static final DocumentSchema SCHEMA = DocumentSchema.load(SCHEMA_RESOURCE);

    private final Duration maxWindow;

    /** @param maxWindow the longest window the occurrence store retains; longer windows are refused */
    public TaxonomyReader(Duration maxWindow) {
        this.maxWindow = maxWindow;
    }

    public Result<Taxonomy> read(byte[] json) {
        if (json == null) {
            return invalid(List.of("a taxonomy cannot be deleted (tombstone); publish a new version instead"), json);
        }
        DocumentSchema.Reading<Taxonomy> reading = SCHEMA.read(json, Taxonomy.class);
        List<String> violations = reading.problems();
        Taxonomy doc = reading.document();
        if (doc == null) {
            return invalid(violations, json);
        }
        // the version, required fields, tag spelling and numeric bounds are the schema's; these are the rest
        List<String> windows = windows(doc.windows(), violations);
        Map<String, Integer> defaults = thresholds("defaultThresholds", doc.defaultThresholds(), windows, violations);
        for (String window : windows) {
            if (!defaults.containsKey(window)) {
                violations.add("defaultThresholds: missing a threshold for window " + window);
            }
        }
        checkPolicy(doc.policy(), violations);
        List<TagDefinition> tags = tags(doc.tags(), windows, violations);
        if (!violations.isEmpty()) {
            return invalid(violations, json);
        }
        return Result.ok(new Taxonomy(doc.version(), windows, defaults, doc.unknownOwner(), doc.unknownPlaybook(),
                doc.policy(), tags));
    }

    private List<String> windows(List<String> raw, List<String> violations) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String text : raw) {
            Optional<Duration> d = DurationText.parse(text);
            if (d.isEmpty()) {
                violations.add("windows: '" + text + "' is not a positive duration such as 7d or P30D");
            } else if (d.get().compareTo(maxWindow) > 0) {
                violations.add("windows: " + text + " is longer than knowledge.window.max=" + DurationText.label(maxWindow));
            } else if (out.contains(DurationText.label(d.get()))) {
                violations.add("windows: " + text + " appears twice");
            } else {
                out.add(DurationText.label(d.get()));
            }
        }
        return out;
    }

    private static Map<String, Integer> thresholds(String field, Map<String, Integer> raw, List<String> windows,
                                                   List<String> violations) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        raw.forEach((window, count) -> {
            String label = DurationText.parse(window).map(DurationText::label).orElse(window);
            if (!windows.contains(label)) {
                violations.add(field + ": '" + window + "' is not one of the windows " + windows);
            } else if (count != null) {
                out.put(label, count);
            }
        });
        return out;
    }

    private static void checkPolicy(KnowledgePolicy policy, List<String> violations) {
        if (policy == null) {
            return;
        }
        if (DurationText.parse(policy.remediationDue()).isEmpty()) {
            violations.add("policy.remediationDue: '" + policy.remediationDue() + "' is not a positive duration");
        }
        if (DurationText.parse(policy.rcaDue()).isEmpty()) {
            violations.add("policy.rcaDue: '" + policy.rcaDue() + "' is not a positive duration");
        }
    }

    private static List<TagDefinition> tags(List<TagDefinition> raw, List<String> windows, List<String> violations) {
        List<TagDefinition> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            TagDefinition t = raw.get(i);
            String at = "tags[" + i + "]";
            if (t == null) {
                continue;
            }
            if (RootCauseStats.UNKNOWN.equals(t.tag())) {
                violations.add(at + ".tag: 'unknown' is reserved for root causes outside the taxonomy");
            } else if (t.tag() != null && !seen.add(t.tag())) {
                violations.add(at + ".tag: '" + t.tag() + "' appears twice");
            }
            out.add(new TagDefinition(t.tag(), t.owner(), t.playbook(), t.description(),
                    thresholds(at + ".thresholds", t.thresholds(), windows, violations)));
        }
        return out;
    }

    private static Result<Taxonomy> invalid(List<String> violations, byte[] json) {
        return Result.refused(DeadLetterReason.INVALID_TAXONOMY, String.join("; ", violations), json);
    }
}
