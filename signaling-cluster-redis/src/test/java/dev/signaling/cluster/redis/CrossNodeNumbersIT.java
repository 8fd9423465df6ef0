package dev.signaling.cluster.redis;

import static dev.signaling.cluster.redis.TestCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.RawJson;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Peer;
import dev.signaling.core.PeerSink;
import dev.signaling.core.RecordingSink;
import dev.signaling.core.ServerEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rough numbers on this machine, printed to the test output: cross-node message round trips
 * (two engines, one Redis, loopback) and cross-node joins per second. Not a benchmark: no
 * warm-up discipline, a shared two-core machine. The load generator gives the real ones.
 */
class CrossNodeNumbersIT {

  /** Answers every relayed message with the same payload, like a scripted remote peer. */
  private static final class EchoSink implements PeerSink {
    volatile Peer peer;

    @Override
    public void send(ServerEvent event) {
      if (event instanceof ServerEvent.Message message) {
        peer.receive(new ClientEvent.Message(message.payload(), null));
      }
    }

    @Override
    public void close(CloseReason reason, String description) {}
  }

  /** Hands each relayed message to the measuring thread. */
  private static final class TimingSink implements PeerSink {
    final SynchronousQueue<ServerEvent.Message> arrivals = new SynchronousQueue<>();

    @Override
    public void send(ServerEvent event) {
      if (event instanceof ServerEvent.Message message) {
        try {
          arrivals.offer(message, 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void close(CloseReason reason, String description) {}
  }

  @Test
  void crossNodeRoundTripsAndJoins() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        TestCluster cluster = new TestCluster(redis, 2)) {
      TimingSink timing = new TimingSink();
      Peer alice = cluster.engines.get(0).connect(timing);
      EchoSink echo = new EchoSink();
      echo.peer = cluster.engines.get(1).connect(echo);
      alice.receive(new ClientEvent.CreateOrJoin("rtt"));
      Await.until(TestCluster.DELIVERY, () -> alice.room().isPresent(), () -> "alice not in room");
      echo.peer.receive(new ClientEvent.CreateOrJoin("rtt"));
      Await.until(TestCluster.DELIVERY, () -> echo.peer.room().isPresent(), () -> "echo not in room");

      int rounds = 1000;
      long[] micros = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        alice.receive(new ClientEvent.Message(RawJson.parse(Integer.toString(i)), null));
        ServerEvent.Message back = timing.arrivals.poll(5, TimeUnit.SECONDS);
        micros[i] = (System.nanoTime() - start) / 1000;
        assertEquals(new ServerEvent.Message(RawJson.parse(Integer.toString(i)), echo.peer.id()), back, "round " + i);
      }
      long[] measured = Arrays.copyOfRange(micros, rounds / 4, rounds); // the first quarter warms up
      Arrays.sort(measured);

      int rooms = 500;
      List<RecordingSink> joiners = new ArrayList<>();
      long joinStart = System.nanoTime();
      for (int r = 0; r < rooms; r++) {
        for (int node = 0; node < 2; node++) {
          RecordingSink sink = cluster.connect(node);
          sink.peer.receive(new ClientEvent.CreateOrJoin("j" + r));
          joiners.add(sink);
        }
      }
      Await.until(TestCluster.DELIVERY, () -> joiners.stream().allMatch(s -> !s.eventsOf(
          ServerEvent.Created.class).isEmpty() || !s.eventsOf(ServerEvent.Joined.class).isEmpty()),
          () -> "not every join answered");
      double joinSeconds = (System.nanoTime() - joinStart) / 1e9;

      System.out.printf("cross-node round trip over %d messages: p50 %d µs, p99 %d µs; "
              + "%d joins (half cross-node) in %.2f s = %.0f joins/s%n",
          measured.length, measured[measured.length / 2], measured[measured.length * 99 / 100],
          rooms * 2, joinSeconds, rooms * 2 / joinSeconds);
      assertTrue(measured[measured.length / 2] > 0);
      assertEquals(new ServerEvent.Full("j0"), join(cluster.connect(0), "j0"), "joins were real joins");
    }
  }
}
