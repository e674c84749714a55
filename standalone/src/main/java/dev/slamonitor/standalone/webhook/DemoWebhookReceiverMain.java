package dev.slamonitor.standalone.webhook;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.standalone.LaunchLogging;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the demo webhook receiver, for docker-compose's {@code webhook-receiver} service: {@code java
 * -cp sla-monitor-standalone.jar dev.slamonitor.standalone.webhook.DemoWebhookReceiverMain}, with
 * {@code SLAMON_DEMO_WEBHOOK_RECEIVER_HOST}, {@code _PORT} and {@code _FAIL_EVERY}. The API's receivers
 * file points at it, so the webhook panels fill. Runs until stopped.
 */
public final class DemoWebhookReceiverMain {

    static {
        LaunchLogging.useLauncherConfiguration();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoWebhookReceiverMain.class);

    private DemoWebhookReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        try {
            config.validate(List.of(c -> {
                c.string("demo.webhook.receiver.host");
                c.port("demo.webhook.receiver.port");
                c.integer("demo.webhook.receiver.fail.every", 0, 1_000_000);
            }));
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        int failEvery = config.integer("demo.webhook.receiver.fail.every", 0, 1_000_000);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(config.string("demo.webhook.receiver.host"),
                config.port("demo.webhook.receiver.port"), new DemoWebhookTally(failEvery, 1000), Clock.systemUTC());
        vertx.deployVerticle(receiver).await(30, TimeUnit.SECONDS);
        LOG.warn("Demo webhook receiver listening on port {} (POST /slack, POST /json, GET /)", receiver.actualPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().await();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
