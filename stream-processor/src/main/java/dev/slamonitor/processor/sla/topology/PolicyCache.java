package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.processor.sla.domain.PolicyCatalog;
import dev.slamonitor.processor.sla.domain.PolicyReader;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's parsed view of the global policy catalog store. Parsing JSON per event would cost more
 * than the rest of the SLA step, so the processor refreshes this view once per punctuation: the
 * (small) store is scanned and only documents whose bytes changed are parsed again.
 */
final class PolicyCache {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final SlaPolicy fallback;
    private final PolicyReader reader = new PolicyReader();
    private Map<String, byte[]> raw = Map.of();
    private Map<String, SlaPolicy> parsed = Map.of();
    private PolicyCatalog catalog;

    PolicyCache(ReadOnlyKeyValueStore<String, byte[]> store, SlaPolicy fallback) {
        this.store = store;
        this.fallback = fallback;
        this.catalog = new PolicyCatalog(List.of(), fallback);
        refresh();
    }

    PolicyCatalog catalog() {
        return catalog;
    }

    /** @return true if the set of policies changed */
    boolean refresh() {
        Map<String, byte[]> current = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                current.put(kv.key, kv.value);
            }
        }
        if (sameBytes(current)) {
            return false;
        }
        Map<String, SlaPolicy> next = new HashMap<>();
        current.forEach((id, bytes) -> {
            SlaPolicy known = parsed.get(id);
            if (known != null && Arrays.equals(raw.get(id), bytes)) {
                next.put(id, known);
                return;
            }
            PolicyReader.Result result = reader.read(bytes);
            if (result.isValid()) {
                next.put(id, result.policy());
            } else {
                // only validated documents reach the catalog; this would mean a different validator version
                LOG.warn("Policy {} in the catalog does not validate here and is ignored: {}", id, result.message());
            }
        });
        raw = current;
        parsed = next;
        catalog = new PolicyCatalog(new ArrayList<>(next.values()), fallback);
        LOG.info("SLA policies in force: {} (fallback {})", catalog.fingerprint(), fallback.ref());
        return true;
    }

    private boolean sameBytes(Map<String, byte[]> current) {
        if (current.size() != raw.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : current.entrySet()) {
            if (!Arrays.equals(e.getValue(), raw.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
