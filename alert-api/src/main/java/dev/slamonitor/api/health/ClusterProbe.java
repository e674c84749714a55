package dev.slamonitor.api.health;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the Kafka cluster to describe itself, on demand and without blocking the caller (the admin
 * client answers on its own thread), and remembers the last answer for the readiness check: UP when
 * the last answer came within {@code staleAfter} and named at least one broker.
 */
public final class ClusterProbe implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;
    private final Duration staleAfter;
    private volatile long lastAnswerAt = Long.MIN_VALUE;
    private volatile int nodes;
    private volatile String lastError = "not asked yet";

    public ClusterProbe(Map<String, Object> clientProps, Duration timeout, Duration staleAfter) {
        Map<String, Object> props = new java.util.HashMap<>(clientProps);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "alert-api-health");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(props);
        this.timeout = timeout;
        this.staleAfter = staleAfter;
    }

    /** Starts one describe-cluster call; its answer updates the state when it arrives. */
    public void probe() {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                .whenComplete((list, error) -> {
                    if (error != null) {
                        lastError = String.valueOf(error.getMessage());
                    } else if (list.isEmpty()) {
                        lastError = "the cluster named no broker";
                    } else {
                        nodes = list.size();
                        lastAnswerAt = System.nanoTime();
                        lastError = null;
                    }
                });
    }

    public Check check(long nowNanos) {
        boolean up = lastAnswerAt != Long.MIN_VALUE && nowNanos - lastAnswerAt <= staleAfter.toNanos();
        JsonObject details = new JsonObject();
        if (lastAnswerAt != Long.MIN_VALUE) {
            details.put("brokers", nodes).put("lastAnswerSecondsAgo", (nowNanos - lastAnswerAt) / 1_000_000_000L);
        }
        if (lastError != null) {
            details.put("error", lastError);
        }
        return new Check("kafka", up, details, up ? null : "the Kafka cluster did not answer within " + staleAfter
                + (lastError == null ? "" : " (" + lastError + ")"));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
