package dev.slamonitor.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.api.kafka.FeedProgress.State;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A feed on a real broker whose view cannot keep up: it stays LOADING (not ready) until it has applied
 * what the topic held at start, and turns STALLED when it falls behind without progress.
 */
@ExtendWith(KafkaExtension.class)
class TopicFeedIT {

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void shouldBeLoadingUntilCaughtUpAndStalledWhenBehindWithoutProgress(TestKafka kafka) throws Exception {
        // given a topic with 100 records
        String topic = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                     kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
            // and a feed whose view blocks until released
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger applied = new AtomicInteger();
            TopicFeed.Timing timing = new TopicFeed.Timing(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1));
            try (TopicFeed feed = new TopicFeed("test", Map.of("bootstrap.servers", kafka.bootstrapServers()), List.of(topic),
                    timing, (records, caughtUp) -> CompletableFuture.runAsync(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        applied.addAndGet(records.count());
                    })).start()) {
                // when the view has not applied the records yet
                await(() -> feed.progress().state(System.nanoTime()) != State.DISCONNECTED, "Kafka answers the feed");
                Thread.sleep(500);
                // then the feed is LOADING: readiness is DOWN
                assertThat(feed.progress().state(System.nanoTime())).isEqualTo(State.LOADING);
                assertThat(feed.progress().check(System.nanoTime()).up()).isFalse();
                // when the view is released, then the feed catches up: UP
                release.countDown();
                await(() -> feed.progress().state(System.nanoTime()) == State.UP, "caught up");
                assertThat(applied.get()).isEqualTo(100);
                await(() -> feed.progress().check(System.nanoTime()).details().getLong("lag") == 0, "lag 0 at the next check");
            }

            // given a caught-up feed whose view then hangs
            CountDownLatch hang = new CountDownLatch(1);
            AtomicInteger batches = new AtomicInteger();
            try (TopicFeed feed = new TopicFeed("test2", Map.of("bootstrap.servers", kafka.bootstrapServers()), List.of(topic),
                    timing, (records, caughtUp) -> {
                        if (batches.incrementAndGet() > 1 && caughtUp && !records.isEmpty() && hang.getCount() > 0) {
                            return CompletableFuture.runAsync(() -> {
                                try {
                                    hang.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
                        }
                        return CompletableFuture.completedFuture(null);
                    }).start()) {
                await(() -> feed.progress().state(System.nanoTime()) == State.UP, "caught up");
                // when new records arrive and the view stops applying them
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "n" + i, "v" + i));
                }
                producer.flush();
                // then readiness would stay UP while it progresses, and turns STALLED after stall.after (1 s)
                Thread.sleep(100);
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "m" + i, "v" + i));
                }
                producer.flush();
                await(() -> feed.progress().state(System.nanoTime()) == State.STALLED, "stalled");
                hang.countDown();
            }
        }
    }
}
