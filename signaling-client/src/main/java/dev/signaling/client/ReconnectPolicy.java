package dev.signaling.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SignalingClient} reconnects after a dropped connection: exponential backoff from
 * {@code initialDelay} by {@code multiplier} up to {@code maxDelay}, each delay jittered by ±20 %,
 * giving up after {@code maxAttempts} consecutive failures (0: never).
 *
 * <p>The first delay also lets the server see the old connection end: a resume tried while the
 * server still holds the old connection is refused (docs/PROTOCOL.md).
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts) {
  /** 100 ms, doubling up to 5 s, never giving up. */
  public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 2, 0);
  /** Never reconnect: a dropped connection closes the client. */
  public static final ReconnectPolicy NEVER = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(100), 1, -1);

  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
    }
  }

  /** Whether the client reconnects at all. */
  public boolean enabled() {
    return maxAttempts >= 0;
  }

  /** The delay before reconnect attempt {@code attempt} (1 for the first), without jitter. */
  public Duration delay(int attempt) {
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
  }
}
