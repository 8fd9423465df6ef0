package dev.signaling.core.internal;

import dev.signaling.core.limits.RateLimit;
import java.time.InstantSource;

/**
 * A token bucket over an injected clock: {@link #tryTake()} is true while tokens are left,
 * refilled continuously at the limit's rate up to its burst. Starts full. Not thread-safe;
 * callers serialize (a transport delivers one connection's frames one at a time).
 */
public final class TokenBucket {
  private final InstantSource clock;
  private final double perMilli;
  private final double capacity;
  private double tokens;
  private long lastMillis;

  public TokenBucket(RateLimit limit, InstantSource clock) {
    this.clock = clock;
    this.perMilli = limit.eventsPerSecond() / 1000.0;
    this.capacity = limit.burst();
    this.tokens = capacity;
    this.lastMillis = clock.millis();
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  public boolean tryTake() {
    long now = clock.millis();
    if (now > lastMillis) {
      tokens = Math.min(capacity, tokens + (now - lastMillis) * perMilli);
      lastMillis = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
