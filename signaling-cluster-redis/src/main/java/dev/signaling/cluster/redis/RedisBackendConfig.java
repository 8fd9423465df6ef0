package dev.signaling.cluster.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Immutable settings of a {@link RedisRoomBackend}. Built with {@link #builder(String)} or
 * {@link #builder(RedisURI)}; every other setting has a default.
 *
 * <p>A dead node's peers are removed from their rooms at most {@code nodeTimeout +
 * heartbeatInterval} after its last heartbeat (8 s with the defaults).
 *
 * @param redisUri where Redis is; password, TLS ({@code rediss://}) and database go here
 * @param keyPrefix prefix of every key and stream, so several applications can share one Redis
 * @param nodeId this node's id, unique among the nodes sharing the prefix; random by default
 * @param heartbeatInterval how often the node renews its liveness and looks for dead nodes
 * @param nodeTimeout how long after its last heartbeat a node is considered dead
 * @param commandTimeout how long one Redis command may take before it fails
 * @param sessionEndTimeout how long a node waits for the others to answer a request to end a
 *     session whose resume token was presented to it (docs/CLUSTER.md, "Resume") before it
 *     answers the client {@code resume-failed} anyway; only a node that does not answer (dead,
 *     not yet reaped, or cut off from Redis) makes it wait that long
 */
public record RedisBackendConfig(
    RedisURI redisUri,
    String keyPrefix,
    String nodeId,
    Duration heartbeatInterval,
    Duration nodeTimeout,
    Duration commandTimeout,
    Duration sessionEndTimeout) {

  /** Letters, digits, {@code . _ -}; keeps node ids readable in keys and logs. */
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public RedisBackendConfig {
    Objects.requireNonNull(redisUri, "redisUri");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(nodeId, "nodeId");
    requirePositive("heartbeatInterval", heartbeatInterval);
    requirePositive("nodeTimeout", nodeTimeout);
    requirePositive("commandTimeout", commandTimeout);
    requirePositive("sessionEndTimeout", sessionEndTimeout);
    if (keyPrefix.isEmpty() || keyPrefix.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(
          "keyPrefix must be non-empty without spaces or control characters, was '" + keyPrefix + "'");
    }
    if (!NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException(
          "nodeId must be 1 to 64 of [A-Za-z0-9._-], was '" + nodeId + "'");
    }
    if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("nodeTimeout (" + nodeTimeout
          + ") must be at least twice heartbeatInterval (" + heartbeatInterval
          + ") so that one late heartbeat does not declare a node dead");
    }
  }

  /** Settings for the Redis at {@code redisUri}, e.g. {@code redis://localhost:6379}. */
  public static Builder builder(String redisUri) {
    return builder(RedisURI.create(Objects.requireNonNull(redisUri, "redisUri")));
  }

  public static Builder builder(RedisURI redisUri) {
    return new Builder(redisUri);
  }

  public Builder toBuilder() {
    return new Builder(redisUri)
        .keyPrefix(keyPrefix)
        .nodeId(nodeId)
        .heartbeatInterval(heartbeatInterval)
        .nodeTimeout(nodeTimeout)
        .commandTimeout(commandTimeout)
        .sessionEndTimeout(sessionEndTimeout);
  }

  /** The bound on how long a dead node's peers stay in their rooms. */
  public Duration deadNodeBound() {
    return nodeTimeout.plus(heartbeatInterval);
  }

  /** Leaves out the password. */
  @Override
  public String toString() {
    return "RedisBackendConfig{redis=" + (redisUri.isSsl() ? "rediss://" : "redis://")
        + redisUri.getHost() + ":" + redisUri.getPort() + "/" + redisUri.getDatabase()
        + ", keyPrefix=" + keyPrefix + ", nodeId=" + nodeId
        + ", heartbeatInterval=" + heartbeatInterval + ", nodeTimeout=" + nodeTimeout
        + ", commandTimeout=" + commandTimeout + ", sessionEndTimeout=" + sessionEndTimeout + "}";
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  public static final class Builder {
    private final RedisURI redisUri;
    private String keyPrefix = "signaling:";
    private String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    private Duration nodeTimeout = Duration.ofSeconds(6);
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration sessionEndTimeout = Duration.ofSeconds(1);

    private Builder(RedisURI redisUri) {
      this.redisUri = Objects.requireNonNull(redisUri, "redisUri");
    }

    /** Prefix of every key; {@code signaling:} by default. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** This node's id; 8 random hex digits by default (a restarted node is then a new node). */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /** 2 s by default. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** 6 s by default; at least twice the heartbeat interval. */
    public Builder nodeTimeout(Duration nodeTimeout) {
      this.nodeTimeout = nodeTimeout;
      return this;
    }

    /** 2 s by default. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
      return this;
    }

    /** 1 s by default. */
    public Builder sessionEndTimeout(Duration sessionEndTimeout) {
      this.sessionEndTimeout = sessionEndTimeout;
      return this;
    }

    public RedisBackendConfig build() {
      return new RedisBackendConfig(
          redisUri, keyPrefix, nodeId, heartbeatInterval, nodeTimeout, commandTimeout, sessionEndTimeout);
    }
  }
}
