package dev.slamonitor.processor.store;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Persistent (RocksDB) window stores whose changelog offsets live in Kafka Streams' checkpoint file
 * instead of inside the store. Why: since Kafka 4.3 a segmented store keeps its committed offset in
 * its segments, so a window store with no segment (nothing written yet on that partition, or every
 * segment expired) has no offset after a clean close; under exactly-once Streams then declares the
 * whole task corrupted on the next start (TaskCorruptedException, "did not find checkpoint offsets
 * while stores are not empty"), wipes it and restores every store of the task from its changelog.
 * A store that reports {@code managesOffsets() == false} is checkpointed by Streams itself, empty or
 * not, as before 4.3. Everything else is the plain RocksDB window store.
 */
public final class CheckpointFileWindowStores {

    private CheckpointFileWindowStores() {
    }

    /** Like {@link Stores#persistentWindowStore(String, Duration, Duration, boolean)}, offsets in the checkpoint file. */
    public static WindowBytesStoreSupplier persistent(String name, Duration retention, Duration windowSize, boolean retainDuplicates) {
        WindowBytesStoreSupplier rocks = Stores.persistentWindowStore(name, retention, windowSize, retainDuplicates);
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new FileCheckpointed(rocks.get());
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }

            @Override
            public long segmentIntervalMs() {
                return rocks.segmentIntervalMs();
            }

            @Override
            public long windowSize() {
                return rocks.windowSize();
            }

            @Override
            public boolean retainDuplicates() {
                return rocks.retainDuplicates();
            }

            @Override
            public long retentionPeriod() {
                return rocks.retentionPeriod();
            }
        };
    }

    /** Delegates everything except offset management. */
    private record FileCheckpointed(WindowStore<Bytes, byte[]> inner) implements WindowStore<Bytes, byte[]> {

        @Override
        public boolean managesOffsets() {
            return false;
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            return null;
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            inner.commit(changelogOffsets);
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            inner.init(context, root);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return inner.query(query, positionBound, config);
        }

        @Override
        public Position getPosition() {
            return inner.getPosition();
        }

        @Override
        public void put(Bytes key, byte[] value, long windowStartTimestamp) {
            inner.put(key, value, windowStartTimestamp);
        }

        @Override
        public byte[] fetch(Bytes key, long time) {
            return inner.fetch(key, time);
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
            return inner.fetch(key, timeFrom, timeTo);
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
            return inner.backwardFetch(key, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
            return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
            return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
            return inner.fetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
            return inner.backwardFetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
            return inner.all();
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
            return inner.backwardAll();
        }
    }
}
