package dev.signaling.core.internal;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Counts a peer's errors in a sliding window: {@link #spend()} returns false once more than
 * {@code limit} errors fall within {@code window}. Not thread-safe; callers serialize.
 */
public final class ErrorBudget {
  private final InstantSource clock;
  private final long windowMillis;
  private final int limit;
  /** Allocated at the first error: most peers never spend any, and every open peer has a budget. */
  private long[] times;
  private int next;
  private int count;

  public ErrorBudget(int limit, Duration window, InstantSource clock) {
    this.clock = clock;
    this.windowMillis = window.toMillis();
    this.limit = limit;
  }

  /** Records one error; false when this error exceeds the budget. */
  public boolean spend() {
    long now = clock.millis();
    if (times == null) {
      times = new long[limit];
    }
    if (count == times.length) {
      long oldest = times[next];
      if (now - oldest < windowMillis) {
        return false;
      }
    } else {
      count++;
    }
    times[next] = now;
    next = (next + 1) % times.length;
    return true;
  }
}
