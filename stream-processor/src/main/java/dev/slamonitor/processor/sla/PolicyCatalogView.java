package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.refdata.DocumentLookup;
import dev.slamonitor.processor.sla.domain.PolicyCatalog;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import java.util.ArrayList;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's {@link PolicyCatalog} over the global policy store. The SLA step selects among all
 * policies for every ticket, so the catalog is rebuilt only when {@link #refresh()} (once per
 * punctuation) sees the set of documents change; each document is parsed once by the lookup.
 */
public final class PolicyCatalogView {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCatalogView.class);

    private final DocumentLookup<SlaPolicy> lookup;
    private PolicyCatalog catalog;

    private PolicyCatalogView(DocumentLookup<SlaPolicy> lookup) {
        this.lookup = lookup;
        lookup.refresh();
        this.catalog = build();
    }

    /** The view for a processor; call from {@code init}. */
    public static PolicyCatalogView of(ProcessingContext context, SlaPolicy fallback) {
        return new PolicyCatalogView(SlaPolicyChannel.CHANNEL.lookup(context, fallback));
    }

    public PolicyCatalog catalog() {
        return catalog;
    }

    /** @return true if the set of policies changed */
    public boolean refresh() {
        if (!lookup.refresh()) {
            return false;
        }
        catalog = build();
        return true;
    }

    private PolicyCatalog build() {
        PolicyCatalog next = new PolicyCatalog(new ArrayList<>(lookup.documents().values()), lookup.fallback());
        LOG.info("SLA policies in force: {} (fallback {})", next.fingerprint(), lookup.fallback().ref());
        return next;
    }
}
