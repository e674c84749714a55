package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.knowledge.RootCauseStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a taxonomy document as a whole: either every rule holds and the normalized
 * {@link Taxonomy} comes back, or the complete list of violations does and nothing of the document is
 * used (never half-applied). Pure: no I/O besides parsing the given bytes.
 */
public final class TaxonomyReader {

    /** Same spelling as the event contract's {@code rootCause}. */
    private static final Pattern TAG = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final int MAX_EXAMPLES = 50;

    private final Duration maxWindow;

    /** @param maxWindow the longest window the occurrence store retains; longer windows are refused */
    public TaxonomyReader(Duration maxWindow) {
        this.maxWindow = maxWindow;
    }

    public Result<Taxonomy> read(byte[] json) {
        if (json == null) {
            return invalid(List.of("a taxonomy cannot be deleted (tombstone); publish a new version instead"), json);
        }
        Taxonomy doc;
        try {
            doc = Json.untrusted().readValue(json, Taxonomy.class);
        } catch (IOException e) {
            return invalid(List.of("not a taxonomy document: " + firstLine(e.getMessage())), json);
        }
        if (doc == null) {
            return invalid(List.of("empty document"), json);
        }
        List<String> violations = new ArrayList<>();
        if (doc.version() < 1) {
            violations.add("version: must be >= 1");
        }
        List<String> windows = windows(doc.windows(), violations);
        Map<String, Integer> defaults = thresholds("defaultThresholds", doc.defaultThresholds(), windows, violations);
        for (String window : windows) {
            if (!defaults.containsKey(window)) {
                violations.add("defaultThresholds: missing a threshold for window " + window);
            }
        }
        requireText("unknownOwner", doc.unknownOwner(), violations);
        requireText("unknownPlaybook", doc.unknownPlaybook(), violations);
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
        if (raw == null || raw.isEmpty()) {
            violations.add("windows: at least one window is required, e.g. [\"7d\", \"30d\"]");
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
            } else if (count == null || count < 1) {
                violations.add(field + "." + window + ": must be a count >= 1");
            } else {
                out.put(label, count);
            }
        });
        return out;
    }

    private static void checkPolicy(KnowledgePolicy policy, List<String> violations) {
        if (policy == null) {
            violations.add("policy: required");
            return;
        }
        if (policy.repeatMinimum() < 2) {
            violations.add("policy.repeatMinimum: must be >= 2 (one occurrence is not a repeat)");
        }
        if (DurationText.parse(policy.remediationDue()).isEmpty()) {
            violations.add("policy.remediationDue: '" + policy.remediationDue() + "' is not a positive duration");
        }
        if (DurationText.parse(policy.rcaDue()).isEmpty()) {
            violations.add("policy.rcaDue: '" + policy.rcaDue() + "' is not a positive duration");
        }
        if (policy.maxTierMoves() < 1) {
            violations.add("policy.maxTierMoves: must be >= 1");
        }
        if (policy.exampleTickets() < 1 || policy.exampleTickets() > MAX_EXAMPLES) {
            violations.add("policy.exampleTickets: must be between 1 and " + MAX_EXAMPLES);
        }
    }

    private static List<TagDefinition> tags(List<TagDefinition> raw, List<String> windows, List<String> violations) {
        List<TagDefinition> out = new ArrayList<>();
        if (raw == null) {
            violations.add("tags: required (may be an empty list)");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            TagDefinition t = raw.get(i);
            String at = "tags[" + i + "]";
            if (t == null) {
                violations.add(at + ": null");
                continue;
            }
            if (t.tag() == null || !TAG.matcher(t.tag()).matches()) {
                violations.add(at + ".tag: '" + t.tag() + "' must match " + TAG.pattern());
            } else if (RootCauseStats.UNKNOWN.equals(t.tag())) {
                violations.add(at + ".tag: 'unknown' is reserved for root causes outside the taxonomy");
            } else if (!seen.add(t.tag())) {
                violations.add(at + ".tag: '" + t.tag() + "' appears twice");
            }
            requireText(at + ".owner", t.owner(), violations);
            requireText(at + ".playbook", t.playbook(), violations);
            out.add(new TagDefinition(t.tag(), t.owner(), t.playbook(), t.description(),
                    thresholds(at + ".thresholds", t.thresholds(), windows, violations)));
        }
        return out;
    }

    private static void requireText(String field, String value, List<String> violations) {
        if (value == null || value.isBlank()) {
            violations.add(field + ": required");
        }
    }

    private static Result<Taxonomy> invalid(List<String> violations, byte[] json) {
        return Result.refused(DeadLetterReason.INVALID_TAXONOMY, String.join("; ", violations), json);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
