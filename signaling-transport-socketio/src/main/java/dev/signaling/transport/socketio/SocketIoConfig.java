package dev.signaling.transport.socketio;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link SocketIoServer}, validated when built. Defaults are those of the
 * Node.js socket.io 4 server, so existing clients see the timings they expect.
 *
 * @param pingInterval how often the server pings (default 25 s)
 * @param pingTimeout how long a ping may wait for its pong before the session is closed (20 s)
 * @param maxPayload largest Engine.IO message or polling body in bytes (1,000,000); a larger
 *     polling body is answered 413 and closes the session
 * @param connectTimeout how long a new connection may take to join a namespace (45 s)
 * @param upgradeTimeout how long a polling→WebSocket upgrade may take after its probe (10 s)
 * @param maxAttachments most binary attachments one Socket.IO packet may announce (10)
 * @param maxNestingDepth deepest JSON nesting accepted in a packet (32)
 * @param maxQueuedBytes outbound bytes one session may have waiting before it is closed as a
 *     slow reader (4 MiB)
 * @param originPolicy which browser origins may connect; none by default
 */
public record SocketIoConfig(
    Duration pingInterval,
    Duration pingTimeout,
    int maxPayload,
    Duration connectTimeout,
    Duration upgradeTimeout,
    int maxAttachments,
    int maxNestingDepth,
    long maxQueuedBytes,
    OriginPolicy originPolicy) {

  public static final SocketIoConfig DEFAULT = builder().build();

  public SocketIoConfig {
    positive(pingInterval, "pingInterval");
    positive(pingTimeout, "pingTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(upgradeTimeout, "upgradeTimeout");
    if (maxPayload < 64) {
      throw new IllegalArgumentException("maxPayload must be at least 64 bytes, got " + maxPayload);
    }
    if (maxAttachments < 0 || maxAttachments > 1000) {
      throw new IllegalArgumentException("maxAttachments must be 0..1000, got " + maxAttachments);
    }
    if (maxNestingDepth < 2 || maxNestingDepth > 1000) {
      throw new IllegalArgumentException("maxNestingDepth must be 2..1000, got " + maxNestingDepth);
    }
    if (maxQueuedBytes < maxPayload) {
      throw new IllegalArgumentException(
          "maxQueuedBytes must be at least maxPayload (" + maxPayload + "), got " + maxQueuedBytes);
    }
    Objects.requireNonNull(originPolicy, "originPolicy");
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    if (value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be under 2^31 ms, got " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .pingInterval(pingInterval)
        .pingTimeout(pingTimeout)
        .maxPayload(maxPayload)
        .connectTimeout(connectTimeout)
        .upgradeTimeout(upgradeTimeout)
        .maxAttachments(maxAttachments)
        .maxNestingDepth(maxNestingDepth)
        .maxQueuedBytes(maxQueuedBytes)
        .originPolicy(originPolicy);
  }

  @Override
  public String toString() {
    return "SocketIoConfig{pingInterval=" + pingInterval + ", pingTimeout=" + pingTimeout
        + ", maxPayload=" + maxPayload + ", connectTimeout=" + connectTimeout
        + ", upgradeTimeout=" + upgradeTimeout + ", maxAttachments=" + maxAttachments
        + ", maxNestingDepth=" + maxNestingDepth + ", maxQueuedBytes=" + maxQueuedBytes + "}";
  }

  public static final class Builder {
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private int maxPayload = 1_000_000;
    private Duration connectTimeout = Duration.ofSeconds(45);
    private Duration upgradeTimeout = Duration.ofSeconds(10);
    private int maxAttachments = 10;
    private int maxNestingDepth = 32;
    private long maxQueuedBytes = 4L << 20;
    private OriginPolicy originPolicy = OriginPolicy.noBrowserOrigin();

    private Builder() {}

    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
      return this;
    }

    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = pingTimeout;
      return this;
    }

    public Builder maxPayload(int maxPayload) {
      this.maxPayload = maxPayload;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder upgradeTimeout(Duration upgradeTimeout) {
      this.upgradeTimeout = upgradeTimeout;
      return this;
    }

    public Builder maxAttachments(int maxAttachments) {
      this.maxAttachments = maxAttachments;
      return this;
    }

    public Builder maxNestingDepth(int maxNestingDepth) {
      this.maxNestingDepth = maxNestingDepth;
      return this;
    }

    public Builder maxQueuedBytes(long maxQueuedBytes) {
      this.maxQueuedBytes = maxQueuedBytes;
      return this;
    }

    public Builder originPolicy(OriginPolicy originPolicy) {
      this.originPolicy = originPolicy;
      return this;
    }

    public SocketIoConfig build() {
      return new SocketIoConfig(pingInterval, pingTimeout, maxPayload, connectTimeout,
          upgradeTimeout, maxAttachments, maxNestingDepth, maxQueuedBytes, originPolicy);
    }
  }
}
