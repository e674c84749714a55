package dev.slamonitor.processor.sla.policy;

import dev.slamonitor.processor.sla.domain.PolicyReader;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Policies bundled as class-path resources: the default policy, and any launcher's own (demo). */
public final class PolicyResources {

    public static final String DEFAULT_POLICY = "/policies/default-policy.json";

    private PolicyResources() {
    }

    public static byte[] bytes(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing policy resource " + resource + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The bundled default policy; a build whose default does not validate must not start. */
    public static SlaPolicy defaultPolicy() {
        PolicyReader.Result result = new PolicyReader().read(bytes(PolicyResources.class, DEFAULT_POLICY));
        if (!result.isValid()) {
            throw new IllegalStateException("Bundled " + DEFAULT_POLICY + " is invalid: " + result.message());
        }
        return result.policy();
    }
}
