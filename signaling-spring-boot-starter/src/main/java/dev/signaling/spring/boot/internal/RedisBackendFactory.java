package dev.signaling.spring.boot.internal;

import dev.signaling.cluster.redis.RedisBackendConfig;
import dev.signaling.cluster.redis.RedisRoomBackend;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.spring.boot.SignalingProperties;

/** Connects the Redis room backend; loaded only when signaling-cluster-redis is on the class path. */
public final class RedisBackendFactory {
  private RedisBackendFactory() {}

  public static RedisBackendConfig config(SignalingProperties.Redis redis) {
    RedisBackendConfig.Builder builder = RedisBackendConfig.builder(redis.getUri())
        .keyPrefix(redis.getKeyPrefix())
        .heartbeatInterval(redis.getHeartbeatInterval())
        .nodeTimeout(redis.getNodeTimeout())
        .commandTimeout(redis.getCommandTimeout());
    if (redis.getNodeId() != null && !redis.getNodeId().isBlank()) {
      builder.nodeId(redis.getNodeId());
    }
    return builder.build();
  }

  public static RoomBackend connect(SignalingProperties.Redis redis) {
    return RedisRoomBackend.connect(config(redis));
  }
}
