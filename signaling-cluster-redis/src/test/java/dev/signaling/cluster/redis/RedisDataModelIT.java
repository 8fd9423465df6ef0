package dev.signaling.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.cluster.redis.internal.LocalMembership;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an operator sees in Redis: the keys docs/CLUSTER.md describes, and nothing left behind. */
class RedisDataModelIT {

  @Test
  void aRoomIsAnOrderListAMemberHashAndAnEntryInItsNodesIndexAllGoneWhenEmpty() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        RedisCommands<String, String> r = connection.sync();
        RedisRoomBackend backend = RedisRoomBackend.connect(RedisBackendConfig.builder(redis.uri())
            .keyPrefix("app:").nodeId("n1").heartbeatInterval(Duration.ofMillis(200))
            .nodeTimeout(Duration.ofSeconds(2)).build());
        backend.start((peer, event) -> true);
        String room = "röom ✓";
        backend.join(room, "peer✓", 2).toCompletableFuture().get(5, TimeUnit.SECONDS);
        backend.join(room, "other", 2).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(List.of("peer✓", "other"), r.lrange("app:room:" + room + ":order", 0, -1));
        assertEquals(Map.of("peer✓", "n1", "other", "n1"), r.hgetall("app:room:" + room + ":members"));
        assertEquals(Set.of(room), r.smembers("app:rooms"));
        // The Java and Lua spellings of an index entry agree, also for non-ASCII names.
        assertEquals(Set.of(LocalMembership.entry(room, "peer✓"), LocalMembership.entry(room, "other")),
            r.smembers("app:node:n1:members"));
        assertTrue(r.zscore("app:nodes", "n1") > 0);

        backend.leave(room, "peer✓").toCompletableFuture().get(5, TimeUnit.SECONDS);
        backend.leave(room, "other").toCompletableFuture().get(5, TimeUnit.SECONDS);
        backend.close();

        assertEquals(List.of(), r.keys("app:*"), "a node that left cleanly leaves nothing behind");
      } finally {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
  }
}
