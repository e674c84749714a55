package dev.slamonitor.processor.sla.policy;

import java.util.Map;

/**
 * Kept only for callers in other modules' tests; publish through {@link SlaPolicyChannel#publishIfNewer}.
 *
 * @deprecated use {@link SlaPolicyChannel#publishIfNewer}
 */
@Deprecated(forRemoval = true)
public final class PolicyPublisher {

    private PolicyPublisher() {
    }

    public static boolean publishIfNewer(Map<String, Object> clientConfig, String topic, byte[] policyJson) {
        return SlaPolicyChannel.publishIfNewer(clientConfig, topic, policyJson);
    }
}
