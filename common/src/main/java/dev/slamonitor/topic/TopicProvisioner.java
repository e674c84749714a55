package dev.slamonitor.topic;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that do not exist yet, with the configured partitions and replication, and
 * compaction where the registry asks for it. Existing topics are left exactly as they are. An
 * unreachable cluster fails start-up with the bootstrap address to check.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicProvisioner() {
    }

    /** Reads (and so checks) the provisioning settings; a reader for {@link AppConfig#validate}. */
    public static void settings(AppConfig config) {
        config.bool("topic.create");
        config.integer("topic.partitions", 1, 10_000);
        config.integer("topic.replication.factor", 1, 32);
        Topics.from(config);
        KafkaClientConfig.common(config);
    }

    public static void ensureTopics(AppConfig config, List<TopicSpec<?, ?>> topics) {
        int partitions = config.integer("topic.partitions", 1, 10_000);
        short replication = (short) config.integer("topic.replication.factor", 1, 32);
        if (!config.bool("topic.create")) {
            return;
        }
        Map<String, Object> adminConfig = Map.copyOf(KafkaClientConfig.common(config));
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .distinct()
                    .map(t -> new NewTopic(t.name(), partitions, replication).configs(t.compacted()
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("Created topics {} ({} partitions, replication {})",
                    missing.stream().map(NewTopic::name).toList(), partitions, replication);
        } catch (TimeoutException e) {
            throw new ConfigException("Cannot reach Kafka at kafka.bootstrap.servers="
                    + config.string("kafka.bootstrap.servers") + " within " + TIMEOUT_SECONDS
                    + " s: check the address and that the cluster is up.");
        } catch (ExecutionException e) {
            throw new ConfigException("Cannot create topics on " + config.string("kafka.bootstrap.servers")
                    + ": " + e.getCause().getMessage() + " (check topic.partitions, topic.replication.factor"
                    + " against the cluster size, and the client's ACLs).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
