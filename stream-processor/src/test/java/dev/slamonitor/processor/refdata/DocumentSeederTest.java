package dev.slamonitor.processor.refdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.refdata.DocumentSeeder.TopicContent;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** The seeding decision per policy; the broker round trip is covered by the features' integration tests. */
class DocumentSeederTest {

    private static final ToIntFunction<byte[]> VERSION = bytes -> bytes.length;
    private static final TopicContent EMPTY = new TopicContent(false, false, null);
    private static final TopicContent OTHER_KEYS_ONLY = new TopicContent(true, false, null);
    private static final TopicContent VERSION_2 = new TopicContent(true, true, new byte[2]);
    private static final TopicContent KEY_WITHDRAWN = new TopicContent(true, true, null);

    @Test
    void shouldPublishIfNewerOnlyOverNothingOrAnOlderVersion() {
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_NEWER, EMPTY, 1, VERSION)).isTrue();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_NEWER, KEY_WITHDRAWN, 1, VERSION)).isTrue();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_NEWER, VERSION_2, 3, VERSION)).isTrue();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_NEWER, VERSION_2, 2, VERSION)).isFalse();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_NEWER, VERSION_2, 1, VERSION)).isFalse();
    }

    @Test
    void shouldPublishIfTheKeyIsAbsentWhateverTheVersion() {
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_KEY_ABSENT, OTHER_KEYS_ONLY, 1, VERSION)).isTrue();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_KEY_ABSENT, VERSION_2, 9, VERSION)).isFalse();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_KEY_ABSENT, KEY_WITHDRAWN, 9, VERSION)).isFalse();
    }

    @Test
    void shouldPublishIfTheTopicIsEmptyOnlyWhenItHoldsNoRecordAtAll() {
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_TOPIC_EMPTY, EMPTY, 1, VERSION)).isTrue();
        assertThat(DocumentSeeder.shouldPublish(SeedingPolicy.IF_TOPIC_EMPTY, OTHER_KEYS_ONLY, 1, VERSION)).isFalse();
    }
}
