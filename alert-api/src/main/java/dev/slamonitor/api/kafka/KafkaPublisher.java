package dev.slamonitor.api.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records with the shared idempotent producer without blocking the event loop: {@code send}
 * (which may block on metadata or a full buffer) runs on a worker thread, and the returned future
 * completes on the caller's context once the broker acknowledged every record (acks=all).
 */
public final class KafkaPublisher {

    private final Producer<String, byte[]> producer;

    public KafkaPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public Future<Void> send(Context context, List<ProducerRecord<String, byte[]>> records) {
        Promise<Void> done = Promise.promise();
        if (records.isEmpty()) {
            done.complete();
            return done.future();
        }
        AtomicInteger remaining = new AtomicInteger(records.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        context.owner().executeBlocking(() -> {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    if (remaining.decrementAndGet() == 0) {
                        context.runOnContext(v -> {
                            if (failure.get() == null) {
                                done.complete();
                            } else {
                                done.fail(failure.get());
                            }
                        });
                    }
                });
            }
            return null;
        }, false).onFailure(e -> context.runOnContext(v -> done.tryFail(e)));
        return done.future();
    }
}
