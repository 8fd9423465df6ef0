package dev.signaling.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.MutableClock;
import dev.signaling.core.limits.RateLimit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void aFullBucketGivesItsBurstAtOnceThenNothing() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 5), clock);
    for (int i = 0; i < 5; i++) {
      assertTrue(bucket.tryTake(), "token " + i);
    }
    assertFalse(bucket.tryTake());
  }

  @Test
  void tokensComeBackAtTheSustainedRate() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 5), clock);
    for (int i = 0; i < 5; i++) {
      bucket.tryTake();
    }
    clock.advanceMillis(99);
    assertFalse(bucket.tryTake(), "0.99 of a token after 99 ms at 10/s");
    clock.advanceMillis(1);
    assertTrue(bucket.tryTake());
    assertFalse(bucket.tryTake());
  }

  @Test
  void aLongQuietSpellRefillsOnlyUpToTheBurst() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 5), clock);
    for (int i = 0; i < 5; i++) {
      bucket.tryTake();
    }
    clock.advanceMillis(60_000);
    int taken = 0;
    while (bucket.tryTake() && taken < 100) {
      taken++;
    }
    assertTrue(taken == 5, "took " + taken);
  }

  @Test
  void aClockGoingBackwardsAddsNothing() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 1), clock);
    assertTrue(bucket.tryTake());
    clock.advanceMillis(-5_000);
    assertFalse(bucket.tryTake());
    clock.advanceMillis(100); // still before the last refill time
    assertFalse(bucket.tryTake());
  }
}
