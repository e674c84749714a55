package dev.slamonitor.processor.sla.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The policies in force: every valid published policy, plus the built-in default as a fallback when
 * no published policy matches (so no ticket is ever without SLA clocks, even before the policy topic
 * has been read). Selection: among matching policies the highest {@code priority} wins, ties go to
 * the smallest id, which makes selection deterministic. Immutable.
 */
public final class PolicyCatalog {

    private static final Comparator<SlaPolicy> PREFERENCE = Comparator.comparingInt(SlaPolicy::priority).reversed()
            .thenComparing(SlaPolicy::id);

    private final List<SlaPolicy> published;
    private final SlaPolicy fallback;
    private final String fingerprint;

    public PolicyCatalog(List<SlaPolicy> published, SlaPolicy fallback) {
        List<SlaPolicy> sorted = new ArrayList<>(published);
        sorted.sort(PREFERENCE);
        this.published = List.copyOf(sorted);
        this.fallback = fallback;
        this.fingerprint = sorted.stream().map(SlaPolicy::ref).sorted().collect(Collectors.joining(","));
    }

    public SlaPolicy select(Ticket ticket) {
        for (SlaPolicy p : published) {
            if (p.selector().matches(ticket)) {
                return p;
            }
        }
        return fallback;
    }

    public List<SlaPolicy> published() {
        return published;
    }

    /** Changes whenever a policy is added, removed or gets a new version. */
    public String fingerprint() {
        return fingerprint;
    }
}
