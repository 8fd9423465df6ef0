package dev.signaling.core.limits;

/**
 * How fast one connection may send events: a token bucket holding {@code burst} tokens, refilled
 * at {@code eventsPerSecond}. Each client event (and each frame that could not be decoded) takes
 * one token; an event that finds the bucket empty is not processed and its sender gets an {@code
 * error} with code {@code rate-limited}. Those errors count against the peer's error budget, so a
 * connection that keeps exceeding the limit is closed with 1008.
 *
 * <p>The default, 50 events/s with bursts of 200, is far above a call's signaling: an offer, an
 * answer and a few dozen ICE candidates arrive in one burst well under 200 events, and a call
 * then sends next to nothing.
 *
 * @param eventsPerSecond sustained rate, at least 1
 * @param burst events a connection may send at once after a quiet spell, at least 1
 */
public record RateLimit(int eventsPerSecond, int burst) {
  /** 50 events/s sustained, bursts of 200. */
  public static final RateLimit DEFAULT = new RateLimit(50, 200);
  /** No limit (for benchmarks and trusted clients). */
  public static final RateLimit UNLIMITED = new RateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE);

  public RateLimit {
    if (eventsPerSecond < 1) {
      throw new IllegalArgumentException("eventsPerSecond must be at least 1, got " + eventsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    }
  }

  public boolean isUnlimited() {
    return eventsPerSecond == Integer.MAX_VALUE && burst == Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return isUnlimited() ? "RateLimit{unlimited}" : "RateLimit{" + eventsPerSecond + "/s, burst " + burst + "}";
  }
}
