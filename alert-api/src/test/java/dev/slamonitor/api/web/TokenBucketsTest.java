package dev.slamonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void shouldAllowTheBurstThenRefuseUntilATokenIsEarned() {
        // given 2 tokens per second with a burst of 3
        TokenBuckets<String> buckets = new TokenBuckets<>(2, 3, 10, now::get);
        // when 4 requests come at once
        // then 3 pass and the 4th waits half a second for its token
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isZero();
        long wait = buckets.tryTake("a");
        assertThat(wait).isEqualTo(500_000_000L);
        assertThat(TokenBuckets.retryAfterSeconds(wait)).isEqualTo(1);
        // and after half a second one more passes
        now.addAndGet(500_000_000L);
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isPositive();
    }

    @Test
    void shouldKeepKeysApartAndNeverRefillAboveTheBurst() {
        TokenBuckets<String> buckets = new TokenBuckets<>(1, 1, 10, now::get);
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("b")).isZero();
        assertThat(buckets.tryTake("a")).isPositive();
        now.addAndGet(60_000_000_000L);
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isPositive();
    }

    @Test
    void shouldPeekWithoutTaking() {
        TokenBuckets<String> buckets = new TokenBuckets<>(1, 1, 10, now::get);
        assertThat(buckets.waitFor("a")).isZero();
        assertThat(buckets.waitFor("a")).isZero();
        buckets.tryTake("a");
        assertThat(buckets.waitFor("a")).isEqualTo(1_000_000_000L);
    }

    @Test
    void shouldBoundTheKeysItRemembers() {
        TokenBuckets<String> buckets = new TokenBuckets<>(1, 1, 2, now::get);
        buckets.tryTake("a");
        buckets.tryTake("b");
        buckets.tryTake("c");
        assertThat(buckets.trackedKeys()).isEqualTo(2);
        // "a" was forgotten, so it starts with a full bucket again
        assertThat(buckets.tryTake("a")).isZero();
    }

    @Test
    void shouldNeverRefuseWhenTheRateIsZero() {
        TokenBuckets<String> buckets = new TokenBuckets<>(0, 1, 2, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(buckets.tryTake("a")).isZero();
        }
    }
}
