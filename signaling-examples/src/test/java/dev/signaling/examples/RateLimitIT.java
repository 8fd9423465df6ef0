package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that floods the server with valid events is rate limited and then closed with 1008,
 * over a real WebSocket, while another pair keeps relaying on time and loses nothing.
 */
class RateLimitIT {
  private static final int FLOOD = 2_000;
  private static final int ROUND_TRIPS = 100;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private ExampleServer server;

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFlooderIsRateLimitedThenClosedWhileAnotherPairRelaysOnTime() throws Exception {
    server = DemoServers.start("--quiet-clients");
    URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
    try (TestClient flooder = TestClient.connect(uri); TestClient partner = TestClient.connect(uri);
        TestClient alice = TestClient.connect(uri); TestClient bob = TestClient.connect(uri)) {
      TestClient.pair(flooder, partner, "flood");
      TestClient.pair(alice, bob, "calm");
      // What this machine gives the calm pair right now, before any flood (CI machines are shared).
      long[] baseline = roundTrips(alice, bob, "warm");

      CompletableFuture<Void> start = new CompletableFuture<>();
      Future<Integer> flood = pool.submit(() -> {
        start.join();
        int sent = 0;
        for (; sent < FLOOD && !flooder.isClosed(); sent++) {
          try {
            flooder.emit("message", "spam " + sent);
          } catch (RuntimeException closedMeanwhile) {
            break;
          }
        }
        return sent;
      });
      Future<long[]> relay = pool.submit(() -> {
        start.join();
        return roundTrips(alice, bob, "ping");
      });
      start.complete(null);

      assertEquals(1008, flooder.awaitClose(), "a connection that keeps exceeding the limit is closed 1008");
      int sent = flood.get(30, TimeUnit.SECONDS);
      List<JsonNode> frames = flooder.drain(java.time.Duration.ofMillis(200));
      long rateLimited = frames.stream()
          .filter(f -> f.path("event").asText().equals("error"))
          .filter(f -> f.get("args").get(0).get("code").asText().equals("rate-limited"))
          .count();
      assertTrue(rateLimited >= 1, "got rate-limited errors before the close: " + frames.size() + " frames");
      assertTrue(sent < FLOOD || rateLimited > 0, "sent " + sent);
      // The partner got the burst the bucket allowed (the join took one of its 200 tokens) and
      // at most a few more refilled at 50/s during the flood, never the whole flood.
      int relayed = partner.drain(java.time.Duration.ofMillis(500)).size();
      assertTrue(relayed >= 199 && relayed < 400, "relayed " + relayed + " of " + sent);

      long[] rtts = relay.get(60, TimeUnit.SECONDS);
      Arrays.sort(rtts);
      long p99Micros = p99(rtts) / 1_000;
      long baselineP99Micros = p99(baseline) / 1_000;
      System.out.println("RateLimitIT: flooder sent " + sent + ", " + relayed + " relayed, " + rateLimited
          + " rate-limited errors; the calm pair's round trip during the flood p50 " + rtts[ROUND_TRIPS / 2] / 1_000
          + " us, p99 " + p99Micros + " us (before it: p99 " + baselineP99Micros + " us)");
      // Loosely: the target is a p99 under 50 ms (printed above; docs/SECURITY.md has measured
      // runs), but this JVM runs the server, the flooder and the pair on two cores that CI shares
      // with other jobs, where one scheduling stall of 100 ms is the p99 of 100 samples. So the
      // median must stay under 50 ms and the p99 under 250 ms.
      long p50Micros = rtts[ROUND_TRIPS / 2] / 1_000;
      assertTrue(p50Micros < 50_000, "calm pair round-trip p50 " + p50Micros + " us during the flood");
      assertTrue(p99Micros < 250_000,
          "calm pair round-trip p99 " + p99Micros + " us during the flood, " + baselineP99Micros + " us before");
    }
  }

  /** {@value #ROUND_TRIPS} round trips at 40 events/s per side (a lively client, within 50/s). */
  private static long[] roundTrips(TestClient alice, TestClient bob, String tag) throws Exception {
    long[] rtts = new long[ROUND_TRIPS];
    for (int i = 0; i < ROUND_TRIPS; i++) {
      long t0 = System.nanoTime();
      alice.emit("message", tag + " " + i);
      assertEquals(tag + " " + i, bob.expect("message").get(0).asText(), "bob lost nothing");
      bob.emit("message", tag + " back " + i);
      assertEquals(tag + " back " + i, alice.expect("message").get(0).asText(), "alice lost nothing");
      rtts[i] = System.nanoTime() - t0;
      Thread.sleep(25);
    }
    return rtts;
  }

  private static long p99(long[] sorted) {
    long[] copy = sorted.clone();
    Arrays.sort(copy);
    return copy[(int) Math.ceil(copy.length * 0.99) - 1];
  }
}
