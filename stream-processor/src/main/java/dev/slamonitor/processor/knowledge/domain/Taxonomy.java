package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.knowledge.RootCauseStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The root-cause taxonomy and knowledge policy as one versioned document. Instances that reach the
 * topology come from {@link TaxonomyReader} and are valid and normalized: window labels are
 * canonical ({@link DurationText#label}), every window has a default threshold, tags are unique and
 * never {@code unknown}. Tags outside the taxonomy count under {@link RootCauseStats#UNKNOWN},
 * owned by {@link #unknownOwner()}.
 */
public record Taxonomy(int version, List<String> windows, Map<String, Integer> defaultThresholds,
                       String unknownOwner, String unknownPlaybook, KnowledgePolicy policy,
                       List<TagDefinition> tags) {

    /** The record key of the one taxonomy document on the taxonomy topics. */
    public static final String DOCUMENT_KEY = "root-cause-taxonomy";
    /** The policy id alerts carry. */
    public static final String POLICY_ID = "root-cause-taxonomy";

    public Optional<TagDefinition> tag(String name) {
        return tags.stream().filter(t -> t.tag().equals(name)).findFirst();
    }

    /** The bucket a raw root cause counts under: itself when the taxonomy knows it, otherwise {@code unknown}. */
    public String bucketOf(String rawTag) {
        return rawTag != null && tag(rawTag).isPresent() ? rawTag : RootCauseStats.UNKNOWN;
    }

    public String ownerOf(String bucket) {
        return tag(bucket).map(TagDefinition::owner).orElse(unknownOwner);
    }

    public String playbookOf(String bucket) {
        return tag(bucket).map(TagDefinition::playbook).orElse(unknownPlaybook);
    }

    public int thresholdOf(String bucket, String window) {
        return tag(bucket).map(TagDefinition::thresholds).map(t -> t.get(window))
                .orElseGet(() -> defaultThresholds.get(window));
    }

    public Duration windowLength(String window) {
        return DurationText.parse(window).orElseThrow();
    }

    public Duration longestWindow() {
        return windows.stream().map(this::windowLength).max(Duration::compareTo).orElseThrow();
    }

    public String longestWindowLabel() {
        return DurationText.label(longestWindow());
    }
}
