package dev.slamonitor.processor.knowledge;

/** Taxonomy documents for tests. */
final class TaxonomyDocs {

    private TaxonomyDocs() {
    }

    /** A valid-shaped document with one tag and a 7d threshold for it (the 30d one from the defaults). */
    static String version(int version, String tag, String owner, int threshold7d) {
        return """
                {"version": %d, "windows": ["7d", "30d"], "defaultThresholds": {"7d": 5, "30d": 15},
                 "unknownOwner": "support-knowledge-team", "unknownPlaybook": "https://wiki.example/unknown",
                 "policy": {"repeatMinimum": 2, "remediationDue": "14d", "rcaDue": "48h", "maxTierMoves": 3, "exampleTickets": 5},
                 "tags": [{"tag": "%s", "owner": "%s", "playbook": "https://wiki.example/p", "thresholds": {"7d": %d}}]}
                """.formatted(version, tag, owner, threshold7d);
    }
}
