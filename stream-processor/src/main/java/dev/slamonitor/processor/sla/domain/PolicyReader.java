package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.DocumentSchema;
import dev.slamonitor.processor.kernel.Result;
import java.util.List;

/**
 * Reads and validates a policy document: its shape and bounds against the published JSON Schema
 * ({@link #SCHEMA_RESOURCE}), then what a schema cannot say (durations, zones, hours, calendars
 * named by severity, every severity present). All-or-nothing: either every field is valid and a complete
 * {@link SlaPolicy} comes back, or a list of violations naming each field ({@code tierLimits.high.L2:
 * '4 hours' is not a duration ...}) and no policy, so a bad document can never be half-applied.
 * The cross-field rules are {@link PolicyRules}, the calendars {@link PolicyCalendarsReader}.
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
        SlaPolicy policy = new PolicyRules(doc, violations).run();
        return violations.isEmpty() ? Result.ok(policy) : refused(String.join("; ", violations), json);
    }

    private static Result<SlaPolicy> refused(String detail, byte[] json) {
        return Result.refused(DeadLetterReason.INVALID_POLICY, detail, json);
    }
}
