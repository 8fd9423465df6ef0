package dev.signaling.core.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Immutable settings of the WebSocket transport. Start from {@link #DEFAULT} or {@link
 * #builder()}.
 *
 * @param path where the endpoint is deployed, {@code /signaling} by default
 * @param maxTextMessageBytes a larger text message closes the connection with 1009 (64 KiB)
 * @param maxQueuedBytes outbound bytes a connection may have waiting before it is considered
 *     too slow and closed with 1013 (1 MiB), so one stalled reader cannot hoard memory
 * @param pingInterval how often the server pings each connection (25 s)
 * @param idleTimeout a connection silent this long (no message, no pong) is closed with 1001
 *     (60 s); must exceed {@code pingInterval}
 * @param originPolicy decides whether a handshake's {@code Origin} header (null when absent) is
 *     accepted; every origin by default
 */
public record WebSocketOptions(
    String path,
    int maxTextMessageBytes,
    long maxQueuedBytes,
    Duration pingInterval,
    Duration idleTimeout,
    Predicate<String> originPolicy) {

  public static final WebSocketOptions DEFAULT = builder().build();

  public WebSocketOptions {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', got " + path);
    }
    if (maxTextMessageBytes < 1) {
      throw new IllegalArgumentException("maxTextMessageBytes must be positive, got " + maxTextMessageBytes);
    }
    if (maxQueuedBytes < maxTextMessageBytes) {
      throw new IllegalArgumentException("maxQueuedBytes (" + maxQueuedBytes
          + ") must be at least maxTextMessageBytes (" + maxTextMessageBytes + ")");
    }
    requirePositive(pingInterval, "pingInterval");
    requirePositive(idleTimeout, "idleTimeout");
    if (idleTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException("idleTimeout (" + idleTimeout
          + ") must exceed pingInterval (" + pingInterval + "), or live connections would time out");
    }
    Objects.requireNonNull(originPolicy, "originPolicy");
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Accepts only handshakes whose Origin is one of {@code origins} (e.g. {@code https://example.com}). */
  public static Predicate<String> allowOrigins(Set<String> origins) {
    Set<String> allowed = Set.copyOf(origins);
    return origin -> origin != null && allowed.contains(origin);
  }

  public static final class Builder {
    private String path = "/signaling";
    private int maxTextMessageBytes = 64 * 1024;
    private long maxQueuedBytes = 1024 * 1024;
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Predicate<String> originPolicy = origin -> true;

    private Builder() {}

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder maxTextMessageBytes(int bytes) {
      this.maxTextMessageBytes = bytes;
      return this;
    }

    public Builder maxQueuedBytes(long bytes) {
      this.maxQueuedBytes = bytes;
      return this;
    }

    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    public Builder originPolicy(Predicate<String> policy) {
      this.originPolicy = policy;
      return this;
    }

    public WebSocketOptions build() {
      return new WebSocketOptions(path, maxTextMessageBytes, maxQueuedBytes, pingInterval, idleTimeout, originPolicy);
    }
  }
}
