package dev.slamonitor.processor.refund.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.Band;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.CurrencyRules;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.ExceptionCode;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.LeakageRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a governance policy document and checks every rule the topology relies on, so that a policy
 * is applied whole or not at all: a document with any problem is refused with every problem named
 * (field path and message), and the previous policy stays in force. Pure and thread-safe.
 */
public final class GovernancePolicyReader {

    public static final int MIN_CODES = 10;
    public static final int MAX_CODES = 30;

    private static final Pattern ROLE = Pattern.compile("^[a-z_]{1,32}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9_]{1,64}$");
    private static final Pattern POLICY_ID = Pattern.compile("^[A-Za-z0-9._:\\-]{1,128}$");

    private final ObjectMapper mapper = Json.untrusted();

    public Result<GovernancePolicy> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return refused(List.of("$: empty document"), bytes);
        }
        GovernancePolicy policy;
        try {
            policy = mapper.readValue(bytes, GovernancePolicy.class);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
            return refused(List.of("$: " + message), bytes);
        }
        List<String> problems = validate(policy);
        return problems.isEmpty() ? Result.ok(policy) : refused(problems, bytes);
    }

    private static Result<GovernancePolicy> refused(List<String> problems, byte[] bytes) {
        return Result.refused(DeadLetterReason.INVALID_GOVERNANCE_POLICY, String.join("; ", problems), bytes);
    }

    static List<String> validate(GovernancePolicy p) {
        List<String> problems = new ArrayList<>();
        if (p.policyId() == null || !POLICY_ID.matcher(p.policyId()).matches()) {
            problems.add("policyId: required, 1-128 of [A-Za-z0-9._:-]");
        }
        if (p.version() < 1) {
            problems.add("version: must be 1 or more");
        }
        validateRoles(p.roles(), problems);
        if (p.currencies() == null || p.currencies().isEmpty()) {
            problems.add("currencies: at least one currency");
        } else {
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
        if (roles == null || roles.isEmpty()) {
            problems.add("roles: at least one role, least authority first");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            if (role == null || !ROLE.matcher(role).matches()) {
                problems.add("roles[" + i + "]: must match " + ROLE.pattern());
            } else if (!seen.add(role)) {
                problems.add("roles[" + i + "]: duplicate role '" + role + "'");
            }
        }
    }

    private static void validateCurrency(String currency, CurrencyRules rules, List<String> roles, List<String> problems) {
        String at = "currencies." + currency;
        if (!CURRENCY.matcher(currency).matches()) {
            problems.add(at + ": currency must be an ISO-4217 code such as EUR");
        }
        if (rules == null || rules.bands() == null || rules.bands().isEmpty()) {
            problems.add(at + ".bands: at least one band");
            return;
        }
        if (rules.rationaleAbove() != null && rules.rationaleAbove().signum() < 0) {
            problems.add(at + ".rationaleAbove: must not be negative");
        }
        BigDecimal previousUpTo = null;
        int previousRank = -1;
        Set<String> names = new HashSet<>();
        List<Band> bands = rules.bands();
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            String b = at + ".bands[" + i + "]";
            if (band == null) {
                problems.add(b + ": null band");
                continue;
            }
            if (band.band() == null || band.band().isBlank()) {
                problems.add(b + ".band: name required");
            } else if (!names.add(band.band())) {
                problems.add(b + ".band: duplicate band '" + band.band() + "'");
            }
            boolean last = i == bands.size() - 1;
            if (last && band.upTo() != null) {
                problems.add(b + ".upTo: the last band must be unbounded (no upTo)");
            } else if (!last && band.upTo() == null) {
                problems.add(b + ".upTo: only the last band may be unbounded");
            } else if (band.upTo() != null) {
                if (band.upTo().signum() <= 0) {
                    problems.add(b + ".upTo: must be positive");
                } else if (previousUpTo != null && band.upTo().compareTo(previousUpTo) <= 0) {
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
        if (codes == null || codes.size() < MIN_CODES || codes.size() > MAX_CODES) {
            problems.add("exceptionCodes: between " + MIN_CODES + " and " + MAX_CODES + " codes, got "
                    + (codes == null ? 0 : codes.size()));
            if (codes == null) {
                return;
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            ExceptionCode code = codes.get(i);
            String c = "exceptionCodes[" + i + "]";
            if (code == null) {
                problems.add(c + ": null code");
                continue;
            }
            if (code.code() == null || !CODE.matcher(code.code()).matches()) {
                problems.add(c + ".code: must match " + CODE.pattern());
            } else if (!seen.add(code.code())) {
                problems.add(c + ".code: duplicate code '" + code.code() + "'");
            }
            if (code.owner() == null || code.owner().isBlank()) {
                problems.add(c + ".owner: required");
            }
            if (!isHttpUrl(code.playbook())) {
                problems.add(c + ".playbook: an absolute http(s) link");
            }
            if (code.repeatThreshold() < 1) {
                problems.add(c + ".repeatThreshold: must be 1 or more");
            }
        }
    }

    private static void validateLeakage(LeakageRules rules, List<String> problems) {
        if (rules == null) {
            problems.add("leakage: required");
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
        if (rules.outlierFactor() == null || rules.outlierFactor().compareTo(BigDecimal.ONE) <= 0) {
            problems.add("leakage.outlierFactor: greater than 1");
        }
        if (rules.outlierMinCount() < 1) {
            problems.add("leakage.outlierMinCount: 1 or more");
        }
        if (rules.outlierMinPeers() < 1) {
            problems.add("leakage.outlierMinPeers: 1 or more");
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
