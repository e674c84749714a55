package dev.slamonitor.processor.knowledge;

import dev.slamonitor.knowledge.RemediationEvent;
import dev.slamonitor.processor.knowledge.domain.ResolvedCause;

/**
 * What the per-tag step receives through the {@code knowledge-by-tag} repartition topic (key: the
 * bucket): exactly one of a resolution to count or a well-formed close request (with its original
 * bytes, for the dead-letter topic if the item turns out unknown or closed).
 */
record TagInput(ResolvedCause resolution, RemediationEvent close, byte[] closeBytes) {

    static TagInput of(ResolvedCause resolution) {
        return new TagInput(resolution, null, null);
    }

    static TagInput of(RemediationEvent close, byte[] bytes) {
        return new TagInput(null, close, bytes);
    }
}
