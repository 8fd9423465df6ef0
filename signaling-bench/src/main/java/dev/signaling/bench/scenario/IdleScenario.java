package dev.signaling.bench.scenario;

import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.Connector;
import dev.signaling.bench.metrics.ServerStats;
import java.time.Duration;

/**
 * N connections joined in rooms of two, then idle: the server's memory per connection, as the
 * growth of its resident set and (where it exposes one) of its heap after a full collection.
 */
public final class IdleScenario {
  private final Target target;
  private final int connections;
  private final Duration settle;

  public IdleScenario(Target target, int connections, Duration settle) {
    if (connections < 2 || connections % 2 != 0) {
      throw new IllegalArgumentException("connections must be even and at least 2, got " + connections);
    }
    this.target = target;
    this.connections = connections;
    this.settle = settle;
  }

  public Result run() throws Exception {
    Result result = new Result().put("scenario", "idle");
    target.describe(result);
    result.put("connections", connections);
    ServerStats stats = target.statsEndpoint() ? target.stats() : null;
    ServerStats.Snapshot before = stats != null ? stats.read(true) : null;
    long rssBefore = target.serverRss();
    PairsScenario pairs = new PairsScenario(target, new PairsScenario.Options(connections / 2, 100,
        Duration.ZERO, Duration.ZERO, 1, 0, Duration.ZERO, Duration.ofSeconds(60 + connections / 200)));
    long start = System.nanoTime();
    try (Connector connector = target.connector()) {
      BenchClient[] clients = pairs.connectAndJoin(connector);
      try {
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("connectAndJoinSeconds", seconds);
        var join = pairs.joinLatency();
        result.put("joinP50Ms", join.percentileMillis(50)).put("joinP99Ms", join.percentileMillis(99));
        Thread.sleep(settle.toMillis());
        ServerStats.Snapshot after = stats != null ? stats.read(true) : null;
        long rssAfter = target.serverRss();
        if (target.hasPid()) {
          result.put("serverRssBeforeMiB", rssBefore / 1048576.0).put("serverRssAfterMiB", rssAfter / 1048576.0)
              .put("rssBytesPerConnection", (double) (rssAfter - rssBefore) / connections);
        }
        if (after != null) {
          result.put("serverRooms", after.rooms()).put("serverPeers", after.peers());
          if (after.heapUsed() >= 0 && before.heapUsed() >= 0) {
            result.put("heapBytesPerConnection", (double) (after.heapUsed() - before.heapUsed()) / connections);
          }
        }
        long open = 0;
        for (BenchClient client : clients) {
          open += client.isOpen() ? 1 : 0;
        }
        result.put("stillOpen", open);
      } finally {
        Connections.closeAll(clients);
      }
    }
    return result;
  }
}
