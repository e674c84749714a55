package dev.slamonitor.standalone.demo;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.standalone.LaunchLogging;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the demo traffic, against an external broker (docker-compose's demo-traffic service):
 * {@code java -cp sla-monitor-standalone.jar dev.slamonitor.standalone.demo.DemoTrafficMain}.
 * Configured like the services ({@code SLAMON_KAFKA_BOOTSTRAP_SERVERS}, {@code SLAMON_TOPIC_EVENTS},
 * {@code SLAMON_DEMO_TICKETS_PER_MINUTE}); creates missing topics first so that a broker's
 * auto-creation never makes the events topic with the wrong partition count. Runs until stopped.
 */
public final class DemoTrafficMain {

    static {
        LaunchLogging.useLauncherConfiguration();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoTrafficMain.class);

    private DemoTrafficMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment();
            config.validate(List.of(TopicProvisioner::settings, c -> c.integer("demo.tickets.per.minute", 1, 60_000)));
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        TopicProvisioner.ensureTopics(config, Topics.from(config).all());
        DemoTraffic traffic = new DemoTraffic(KafkaClientConfig.common(config), config.string("topic.events"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            traffic.close();
            stopped.countDown();
        }, "shutdown"));
        traffic.start(config.integer("demo.tickets.per.minute", 1, 60_000));
        stopped.await();
    }
}
