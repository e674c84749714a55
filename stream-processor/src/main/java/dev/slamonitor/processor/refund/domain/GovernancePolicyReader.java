package dev.slamonitor.processor.refund.domain;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.DocumentSchema;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.Band;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.CurrencyRules;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.ExceptionCode;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.LeakageRules;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a governance policy document, checks its shape and bounds against the published JSON Schema
 * ({@link #SCHEMA_RESOURCE}) and then the rules between its fields, so that a policy
 * is applied whole or not at all: a document with any problem is refused with every problem named
 * (field path and message), and the previous policy stays in force. Pure and thread-safe.
 */
public final class GovernancePolicyReader {

    /** The published shape and bounds of a policy; the rules between its fields are checked here. */
    public static final String SCHEMA_RESOURCE = "/schema/refund-governance-policy.schema.json";
    private static final DocumentSchema SCHEMA = DocumentSchema.load(SCHEMA_RESOURCE);

    public Result<GovernancePolicy> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return refused(List.of("$: empty document"), bytes);
        }
        DocumentSchema.Reading<GovernancePolicy> reading = SCHEMA.read(bytes, GovernancePolicy.class);
        List<String> problems = reading.problems();
        GovernancePolicy policy = reading.document();
        if (policy == null) {
            return refused(problems, bytes);
        }
        problems.addAll(validate(policy));
        return problems.isEmpty() ? Result.ok(policy) : refused(problems, bytes);
    }

    private static Result<GovernancePolicy> refused(List<String> problems, byte[] bytes) {
        return Result.refused(DeadLetterReason.INVALID_GOVERNANCE_POLICY, String.join("; ", problems), bytes);
    }

    static List<String> validate(GovernancePolicy p) {
        List<String> problems = new ArrayList<>();
        // identifiers, versions, sizes and numeric bounds are the schema's; these are the rules between fields
        validateRoles(p.roles(), problems);
        if (p.currencies() != null) {
            for (Map.Entry<String, CurrencyRules> entry : p.currencies().entrySet()) {
                validateCurrency(entry.getKey(), entry.getValue(), p.roles(), problems);
            }
        }
        if (p.minReviewTime() != null && p.minReviewTime().isNegative()) {
            problems.add("minReviewTime: must not be negative");
        }
        validateCodes(p.exceptionCodes(), problems);
        validateLeakage(p.leakage(), problems);
        return problems;
    }

    private static void validateRoles(List<String> roles, List<String> problems) {
        if (roles == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            if (role != null && !seen.add(role)) {
                problems.add("roles[" + i + "]: duplicate role '" + role + "'");
            }
        }
    }

    private static void validateCurrency(String currency, CurrencyRules rules, List<String> roles, List<String> problems) {
        String at = "currencies." + currency;
        if (rules == null || rules.bands() == null) {
            return;
        }
        BigDecimal previousUpTo = null;
        int previousRank = -1;
        Set<String> names = new HashSet<>();
        List<Band> bands = rules.bands();
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            String b = at + ".bands[" + i + "]";
            if (band == null) {
                continue;
            }
            if (band.band() != null && !names.add(band.band())) {
                problems.add(b + ".band: duplicate band '" + band.band() + "'");
            }
            boolean last = i == bands.size() - 1;
            if (last && band.upTo() != null) {
                problems.add(b + ".upTo: the last band must be unbounded (no upTo)");
            } else if (!last && band.upTo() == null) {
                problems.add(b + ".upTo: only the last band may be unbounded");
            } else if (band.upTo() != null) {
                if (previousUpTo != null && band.upTo().compareTo(previousUpTo) <= 0) {
                    problems.add(b + ".upTo: must be greater than the previous band's " + previousUpTo.toPlainString());
                }
                previousUpTo = band.upTo();
            }
            int rank = roles == null ? -1 : roles.indexOf(band.requiredRole());
            if (rank < 0) {
                problems.add(b + ".requiredRole: '" + band.requiredRole() + "' is not one of roles");
            } else if (rank < previousRank) {
                problems.add(b + ".requiredRole: a larger amount cannot need less authority than the band before");
            } else {
                previousRank = rank;
            }
            if (band.approvalSla() == null || band.approvalSla().isZero() || band.approvalSla().isNegative()) {
                problems.add(b + ".approvalSla: a positive ISO-8601 duration such as PT4H");
            }
        }
    }

    private static void validateCodes(List<ExceptionCode> codes, List<String> problems) {
        if (codes == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            ExceptionCode code = codes.get(i);
            String c = "exceptionCodes[" + i + "]";
            if (code == null) {
                continue;
            }
            if (code.code() != null && !seen.add(code.code())) {
                problems.add(c + ".code: duplicate code '" + code.code() + "'");
            }
            if (code.playbook() != null && !isHttpUrl(code.playbook())) {
                problems.add(c + ".playbook: an absolute http(s) link");
            }
        }
    }

    private static void validateLeakage(LeakageRules rules, List<String> problems) {
        if (rules == null) {
            return;
        }
        if (!positive(rules.codeWindow()) || rules.codeWindow().compareTo(Duration.ofDays(366)) > 0) {
            problems.add("leakage.codeWindow: a positive duration of at most 366 days");
        } else if (rules.codeWindow().toMillis() % Duration.ofDays(1).toMillis() != 0) {
            problems.add("leakage.codeWindow: whole days (the ledger counts per day)");
        }
        if (!positive(rules.remediationDue())) {
            problems.add("leakage.remediationDue: a positive duration");
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }

    private static boolean isHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
