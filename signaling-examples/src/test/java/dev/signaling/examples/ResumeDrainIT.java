package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A drain (SIGTERM, 1012) on the example server, whose resume is on (30 s window): a server
 * close is never resumable, so a drained session ends at once, a session waiting to be resumed
 * too, and the drain does not wait for the window.
 */
class ResumeDrainIT {

  @Test
  void aDrainEndsResumableSessionsAtOnceAndLeavesNothingForAReplay() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients")) {
      URI signaling = URI.create(server.url().replaceFirst("^http", "ws") + "signaling");
      try (TestClient alice = TestClient.connectRaw(signaling); TestClient bob = TestClient.connectRaw(signaling);
          TestClient carol = TestClient.connectRaw(signaling); TestClient dave = TestClient.connectRaw(signaling)) {
        assertEquals(30_000, alice.expect("welcome").get(0).get("window").asLong(), "resume is on by default");
        String bobId = bob.expect("welcome").get(0).get("peerId").asText();
        carol.expect("welcome");
        dave.expect("welcome");
        TestClient.pair(alice, bob, "waiting");
        TestClient.pair(carol, dave, "attached");
        bob.drop();
        JsonNode notice = alice.expect("peer-disconnected");
        assertEquals("waiting", notice.get(0).asText());
        assertEquals(bobId, notice.get(1).asText());
        assertEquals(1, server.engine().detachedSessionCount());
        Map<String, Double> before = Scrape.metrics(server.url(), null);

        long started = System.nanoTime();
        assertTrue(server.drain(Duration.ofSeconds(10)), "every session ended");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < 30_000, "the drain did not wait for the 30 s window: " + tookMillis + " ms");

        for (TestClient client : new TestClient[] {alice, carol, dave}) {
          assertEquals(1012, client.awaitClose());
        }
        assertEquals(0, server.engine().detachedSessionCount(), "the waiting session ended");
        assertEquals(0, server.engine().peerCount(), "no session kept for a replay");
        assertEquals(0, server.engine().roomCount());
        Map<String, Double> after = Scrape.metrics(server.url(), null);
        assertEquals(0.0, after.get("signaling_peers"));
        assertEquals(0.0, after.get("signaling_rooms"));
        assertEquals(3.0, Scrape.delta(before, after, "signaling_closes_total{code=\"1012\"}"));
        assertEquals(0.0, Scrape.sum(after, "signaling_resumes_total"), "nothing was resumed, nor tried");
      }
      // A client that comes back to this node is refused (it drains): it goes to another node.
      try (TestClient late = TestClient.connectRaw(signaling)) {
        assertEquals(1012, late.awaitClose());
      }
    }
  }
}
