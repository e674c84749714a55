package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * After a policy change (or a change of the retention), re-evaluates this task's tickets in batches
 * of {@code sla.policy.sweep.batch} per punctuation, from a cursor persisted in
 * {@code sla-policy-sweep} with the catalog's fingerprint, so a new policy applies without a restart
 * and without waiting for each ticket's next event, and a restart neither repeats nor loses the pass.
 */
final class PolicySweep {

    private static final String CURSOR = "cursor";
    private static final String FINGERPRINT = "fingerprint";

    private final SlaSettings settings;
    private final KeyValueStore<String, String> sweep;
    private final TicketStateStore store;
    private final PolicyCatalogView policies;
    private final TicketOutputs outputs;

    PolicySweep(SlaSettings settings, KeyValueStore<String, String> sweep, TicketStateStore store, PolicyCatalogView policies,
                TicketOutputs outputs) {
        this.settings = settings;
        this.sweep = sweep;
        this.store = store;
        this.policies = policies;
        this.outputs = outputs;
    }

    /** The sweep also runs once when the retention changes (or first exists), so resting tickets get their wake-up. */
    void startIfPoliciesChanged() {
        String fingerprint = policies.catalog().fingerprint() + "|retention=" + settings.retention().keepResolved();
        if (!fingerprint.equals(sweep.get(FINGERPRINT))) {
            sweep.put(FINGERPRINT, fingerprint);
            sweep.put(CURSOR, "");
        }
    }

    /** One batch, if a sweep is running; evaluates as of {@code until} (the timers' bound), stamped {@code now}. */
    void step(Instant until, Instant now, long timestamp) {
        String cursor = sweep.get(CURSOR);
        if (cursor == null) {
            return;
        }
        int visited = 0;
        String last = null;
        boolean more;
        try (KeyValueIterator<String, TrackedTicket> it = store.all().range(cursor.isEmpty() ? null : cursor, null)) {
            while (it.hasNext() && visited < settings.sweepBatch()) {
                KeyValue<String, TrackedTicket> kv = it.next();
                last = kv.key;
                if (kv.key.equals(cursor)) {
                    continue; // the cursor is the last key already handled
                }
                visited++;
                reevaluate(kv.key, kv.value, until, now, timestamp);
            }
            more = it.hasNext();
        }
        if (more && last != null) {
            sweep.put(CURSOR, last);
        } else {
            sweep.delete(CURSOR);
        }
    }

    private void reevaluate(String ticketId, TrackedTicket tracked, Instant until, Instant now, long timestamp) {
        Ticket ticket = tracked.ticket();
        SlaState state = tracked.sla();
        SlaPolicy policy = policies.catalog().select(ticket);
        if (state.isPolicy(policy) && !settings.retention().isOutOfDate(ticket, state)) {
            return;
        }
        SlaEngine.Outcome outcome = SlaEngine.onTimer(state, ticket, policy, settings.retention(), until, now);
        Set<String> superseded = outputs.superseded(state, outcome);
        store.put(ticketId, state, tracked.withSla(outcome.state()), true);
        // only rescheduled for the retention (same policy, nothing fired): the snapshot would be unchanged
        outputs.publish(ticketId, ticket, outcome, policy, now, timestamp, outcome.changed() || !state.isPolicy(policy), null,
                superseded);
    }
}
