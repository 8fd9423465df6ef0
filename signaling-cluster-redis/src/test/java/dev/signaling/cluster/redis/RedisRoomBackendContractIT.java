package dev.signaling.cluster.redis;

import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.core.cluster.RoomBackendContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cluster seam's contract, with three nodes (three backends) sharing one real Redis. */
class RedisRoomBackendContractIT extends RoomBackendContract {
  private static RedisServerProcess redis;
  private static int testNumber;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @Override
  protected List<RoomBackend> nodes(int count) {
    // A fresh prefix per test: each test starts from an empty cluster.
    String prefix = "contract" + (++testNumber) + ":";
    List<RoomBackend> backends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      backends.add(RedisRoomBackend.connect(RedisBackendConfig.builder(redis.uri())
          .keyPrefix(prefix)
          .nodeId("node" + i)
          .heartbeatInterval(Duration.ofMillis(200))
          .nodeTimeout(Duration.ofSeconds(2))
          .build()));
    }
    return backends;
  }
}
