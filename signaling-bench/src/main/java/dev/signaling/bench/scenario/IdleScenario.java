package dev.signaling.bench.scenario;

import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.Connector;
import dev.signaling.bench.metrics.ServerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * N connections joined in rooms of two, then idle: the server's memory per connection, as the
 * growth of its resident set and (where it exposes one) of its heap after a full collection.
 *
 * <p>Two figures each. The <em>average</em> divides the whole growth since before the first
 * connection by N; it includes one-off costs that do not grow with N (a JVM touching its young
 * generation for the first time, compiled code, V8's code and pools). The <em>marginal</em>
 * figure connects a first batch (a fifth of N), measures, connects the rest and divides only
 * the second step's growth by its connections: what each further connection costs, the figure
 * that says how many connections fit in a given memory.
 */
public final class IdleScenario {
  private final Target target;
  private final int connections;
  private final Duration settle;

  public IdleScenario(Target target, int connections, Duration settle) {
    if (connections < 10 || connections % 2 != 0) {
      throw new IllegalArgumentException("connections must be even and at least 10, got " + connections);
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
    int firstPairs = Math.max(1, connections / 10);
    int secondPairs = connections / 2 - firstPairs;
    Sample before = sample(stats);
    List<BenchClient> clients = new ArrayList<>(connections);
    long start = System.nanoTime();
    try (Connector connector = target.connector()) {
      try {
        PairsScenario first = batch(firstPairs);
        clients.addAll(List.of(first.connectAndJoin(connector)));
        Thread.sleep(settle.toMillis());
        Sample middle = sample(stats);
        long secondStart = System.nanoTime();
        PairsScenario second = batch(secondPairs);
        clients.addAll(List.of(second.connectAndJoin(connector)));
        double seconds = (System.nanoTime() - secondStart + middle.startNanos - start) / 1e9;
        result.put("connectAndJoinSeconds", seconds);
        var join = second.joinLatency();
        result.put("joinP50Ms", join.percentileMillis(50)).put("joinP99Ms", join.percentileMillis(99));
        Thread.sleep(settle.toMillis());
        Sample after = sample(stats);
        int marginal = secondPairs * 2;
        if (target.hasPid()) {
          result.put("serverRssBeforeMiB", before.rss / 1048576.0).put("serverRssAfterMiB", after.rss / 1048576.0)
              .put("rssBytesPerConnection", (double) (after.rss - before.rss) / connections)
              .put("rssBytesPerConnectionMarginal", (double) (after.rss - middle.rss) / marginal);
        }
        if (after.snapshot != null) {
          result.put("serverRooms", after.snapshot.rooms()).put("serverPeers", after.snapshot.peers());
          if (after.snapshot.heapUsed() >= 0 && before.snapshot.heapUsed() >= 0) {
            result.put("heapBytesPerConnection",
                (double) (after.snapshot.heapUsed() - before.snapshot.heapUsed()) / connections);
            result.put("heapBytesPerConnectionMarginal",
                (double) (after.snapshot.heapUsed() - middle.snapshot.heapUsed()) / marginal);
          }
        }
        long open = 0;
        for (BenchClient client : clients) {
          open += client.isOpen() ? 1 : 0;
        }
        result.put("stillOpen", open);
      } finally {
        Connections.closeAll(clients.toArray(BenchClient[]::new));
      }
    }
    return result;
  }

  private PairsScenario batch(int pairs) {
    return new PairsScenario(target, new PairsScenario.Options(pairs, 100,
        Duration.ZERO, Duration.ZERO, 1, 0, Duration.ZERO, Duration.ofSeconds(60 + pairs / 100)));
  }

  private Sample sample(ServerStats stats) throws Exception {
    long startNanos = System.nanoTime();
    ServerStats.Snapshot snapshot = stats != null ? stats.read(true) : null;
    return new Sample(snapshot, target.serverRss(), startNanos);
  }

  private record Sample(ServerStats.Snapshot snapshot, long rss, long startNanos) {}
}
