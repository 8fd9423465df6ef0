package dev.signaling.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.cluster.BackendHealth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's view of its Redis, for readiness probes: reachable, and which nodes are alive. */
class BackendHealthIT {
  private static final Duration CHANGE = Duration.ofSeconds(10);

  @Test
  void healthTurnsUnreachableWhileRedisIsDownAndListsTheLiveNodesOtherwise() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        TestCluster cluster = new TestCluster(redis, 2)) {
      RedisRoomBackend node0 = cluster.backends.get(0);
      Await.until(CHANGE, () -> node0.health().clusterNodes().size() == 2, () -> node0.health().toString());
      assertTrue(node0.health().reachable());
      assertEquals(List.of("node0", "node1"), node0.health().clusterNodes().stream().sorted().toList());

      redis.kill();
      Await.until(CHANGE, () -> !node0.health().reachable(), () -> node0.health().toString());
      BackendHealth down = node0.health();
      assertTrue(down.detail().startsWith("Redis unreachable"), down.detail());
      assertEquals(List.of(), down.clusterNodes());

      redis.restart();
      Await.until(CHANGE, () -> node0.health().reachable(), () -> node0.health().toString());

      cluster.backends.get(1).close();
      Await.until(CHANGE, () -> node0.health().clusterNodes().equals(List.of("node0")),
          () -> node0.health().toString());
      assertFalse(cluster.backends.get(1).health().reachable(), "a closed backend serves nothing");
    }
  }
}
