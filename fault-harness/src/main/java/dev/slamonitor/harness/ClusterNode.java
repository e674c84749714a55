package dev.slamonitor.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the harness's KRaft cluster (broker and controller in one JVM), started as its own
 * process so the harness can kill it with SIGKILL. Production-like replication: RF 3,
 * min.insync.replicas 2, internal topics replicated 3 times.
 *
 * <p>Arguments: nodeId, clusterId, dataDir, voters ({@code 1@127.0.0.1:p,2@...}), client port,
 * controller port. Formats its log directory on first start, reuses it after a kill.
 */
public final class ClusterNode {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        String clusterId = args[1];
        Path logDir = Path.of(args[2]);
        String voters = args[3];
        int clientPort = Integer.parseInt(args[4]);
        int controllerPort = Integer.parseInt(args[5]);
        Files.createDirectories(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter().setNodeId(nodeId).setClusterId(clusterId).setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString()).setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run();
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties(nodeId, logDir, voters, clientPort,
                controllerPort), false), Time.SYSTEM);
        server.startup();
        LOG.info("Cluster node {} up: client 127.0.0.1:{}, controller {}", nodeId, clientPort, controllerPort);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stop.countDown();
        }));
        stop.await();
    }

    static Map<String, Object> properties(int nodeId, Path logDir, String voters, int clientPort, int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A dead producer's open transaction is aborted soon after transaction.timeout.ms (10 s by default here).
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "2000");
        return p;
    }
}
