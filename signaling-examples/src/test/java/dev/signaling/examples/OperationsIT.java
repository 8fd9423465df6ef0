package dev.signaling.examples;

import static dev.signaling.examples.Scrape.delta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import dev.signaling.transport.socketio.JavaClientCodelab;
import dev.signaling.transport.socketio.JavaClientPeer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example server's operational endpoints, over real connections on loopback. */
class OperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OFFER = "{\"type\":\"offer\",\"sdp\":\"v=0 secret-sdp\"}";

  @Test
  void theCodelabScenarioMovesTheMetricsByExactlyItsAmountsAndNoTagNamesARoom() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients")) {
      URI signaling = URI.create(server.url().replaceFirst("^http", "ws") + "signaling");
      Map<String, Double> before = Scrape.metrics(server.url(), null);
      String aliceId;
      try (TestClient alice = TestClient.connect(signaling);
          TestClient bob = TestClient.connect(signaling);
          TestClient carol = TestClient.connect(signaling)) {
        alice.emit("create or join", "room-name-never-in-metrics");
        aliceId = alice.expect("created").get(1).asText();
        bob.emit("create or join", "room-name-never-in-metrics");
        bob.expect("joined");
        bob.expect("ready");
        alice.expect("join");
        alice.expect("ready");
        carol.emit("create or join", "room-name-never-in-metrics");
        carol.expect("full");
        alice.emit("message", JSON.readTree(OFFER));
        assertEquals(OFFER, bob.expect("message").get(0).toString());
        bob.emit("bye", "room-name-never-in-metrics");
        alice.expect("bye");

        Map<String, Double> during = Scrape.metrics(server.url(), null);
        assertEquals(1.0, delta(before, during, "signaling_joins_total{outcome=\"created\"}"));
        assertEquals(1.0, delta(before, during, "signaling_joins_total{outcome=\"joined\"}"));
        assertEquals(1.0, delta(before, during, "signaling_joins_total{outcome=\"full\"}"));
        assertEquals(0.0, delta(before, during, "signaling_joins_total{outcome=\"unavailable\"}"));
        assertEquals(1.0, delta(before, during, "signaling_messages_relayed_total"));
        assertEquals(OFFER.length(), delta(before, during, "signaling_relayed_bytes_total"));
        assertEquals(0.0, Scrape.sum(during, "signaling_errors_total") - Scrape.sum(before, "signaling_errors_total"));
        assertEquals(3.0, during.get("signaling_connections{protocol=\"native\",transport=\"websocket\"}"));
        assertEquals(3.0, during.get("signaling_peers"));
        assertEquals(1.0, during.get("signaling_rooms"), "alice is still in the room");
        assertEquals(3.0, delta(before, during, "signaling_backend_call_seconds_count{op=\"join\"}"));
        assertEquals(1.0, delta(before, during, "signaling_backend_call_seconds_count{op=\"leave\"}"));
        String text = Scrape.get(server.url() + "metrics", null).body();
        assertFalse(text.contains("room-name-never-in-metrics"), "no room name in any tag");
        assertFalse(text.contains(aliceId), "no peer id in any tag");
        assertFalse(text.contains("secret-sdp"));
      }
      awaitTrue(() -> server.engine().connections().count() == 0);
      Map<String, Double> after = Scrape.metrics(server.url(), null);
      assertEquals(0.0, after.get("signaling_connections{protocol=\"native\",transport=\"websocket\"}"));
      assertEquals(0.0, after.get("signaling_rooms"));
      assertEquals(3.0, Scrape.sum(after, "signaling_closes_total") - Scrape.sum(before, "signaling_closes_total"));
    }
  }

  @Test
  void socketIoConnectionsAreCountedByTransportAcrossTheUpgrade() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients")) {
      JavaClientPeer polling = new JavaClientPeer(server.url(), JavaClientCodelab.transports(JavaClientCodelab.POLLING));
      JavaClientPeer upgraded = new JavaClientPeer(server.url(),
          JavaClientCodelab.transports(JavaClientCodelab.POLLING_THEN_WEBSOCKET));
      try {
        awaitTrue(() -> server.engine().connections().count(WireProtocol.SOCKETIO, TransportKind.WEBSOCKET) == 1);
        assertEquals(2, server.engine().connections().count());
        Map<String, Double> open = Scrape.metrics(server.url(), null);
        assertEquals(1.0, open.get("signaling_connections{protocol=\"socketio\",transport=\"polling\"}"));
        assertEquals(1.0, open.get("signaling_connections{protocol=\"socketio\",transport=\"websocket\"}"));
      } finally {
        polling.close();
        upgraded.close();
      }
      awaitTrue(() -> server.engine().connections().count() == 0);
    }
  }

  @Test
  void healthAndReadinessAnswerAndAdminStatsCountByProtocol() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients", "--node-id", "node-7");
        TestClient client = TestClient.connect(URI.create(server.url().replaceFirst("^http", "ws") + "signaling"))) {
      client.emit("create or join", "stats-room");
      client.expect("created");
      assertEquals(200, Scrape.get(server.url() + "healthz", null).statusCode());
      HttpResponse<String> ready = Scrape.get(server.url() + "readyz", null);
      assertEquals(200, ready.statusCode());
      assertEquals("{\"status\":\"ready\"}", ready.body());

      JsonNode stats = JSON.readTree(Scrape.get(server.url() + "admin/stats", null).body());
      assertEquals("node-7", stats.get("nodeId").asText());
      assertEquals(1, stats.get("rooms").asInt());
      assertEquals(1, stats.get("peers").asInt());
      assertEquals(1, stats.get("connections").get("native").get("websocket").asInt());
      assertEquals(0, stats.get("connections").get("socketio").get("websocket").asInt());
      assertTrue(stats.get("uptimeSeconds").asLong() >= 0);
      assertTrue(stats.get("backend").get("reachable").asBoolean());
      assertFalse(stats.get("backend").has("clusterNodes"), "no cluster: " + stats);
      assertFalse(stats.toString().contains("stats-room"));
    }
  }

  @Test
  void withATokenFileAdminEndpointsAnswer401WithoutTheTokenAnd200WithIt(@TempDir Path dir) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), "s3cret-token\n");
    try (ExampleServer server = DemoServers.start("--admin-token-file", tokenFile.toString())) {
      for (String path : new String[] {"metrics", "admin/stats"}) {
        HttpResponse<String> refused = Scrape.get(server.url() + path, null);
        assertEquals(401, refused.statusCode(), path);
        assertEquals("Bearer realm=\"signaling-admin\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, Scrape.get(server.url() + path, "wrong-token").statusCode(), path);
        assertEquals(200, Scrape.get(server.url() + path, "s3cret-token").statusCode(), path);
      }
      assertEquals(200, Scrape.get(server.url() + "readyz", null).statusCode(), "probes need no token");
    }
  }

  @Test
  void theAdminPortServesTheOperationalRoutesApart() throws Exception {
    try (ExampleServer server = DemoServers.start("--admin-port", "0")) {
      assertTrue(server.adminPort() != server.port());
      assertEquals(200, Scrape.get(server.adminUrl() + "readyz", null).statusCode());
      assertTrue(Scrape.get(server.adminUrl() + "metrics", null).body().contains("signaling_connections{"));
      HttpResponse<String> mainPort = Scrape.get(server.url() + "metrics", null);
      assertFalse(mainPort.body().contains("signaling_connections"), "not on the main port");
    }
  }

  @Test
  void drainTurnsReadinessOffClosesClientsWith1012AfterWhatWasRelayedAndRefusesNewOnes() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients")) {
      URI signaling = URI.create(server.url().replaceFirst("^http", "ws") + "signaling");
      try (TestClient alice = TestClient.connect(signaling); TestClient bob = TestClient.connect(signaling)) {
        alice.emit("create or join", "drained");
        alice.expect("created");
        bob.emit("create or join", "drained");
        bob.expect("joined");
        bob.expect("ready");
        alice.expect("join");
        alice.expect("ready");
        int sent = 200;
        String padding = "x".repeat(4000); // 800 KB in all: bob's send queue is likely not empty yet
        for (int i = 1; i <= sent; i++) {
          alice.emit("message", JSON.createObjectNode().put("n", i).put("pad", padding));
        }
        awaitTrue(() -> relayed(server) == sent); // accepted by the server: drain must deliver them
        assertTrue(server.drain(Duration.ofSeconds(10)), "both clients left");

        assertEquals(1012, alice.awaitClose());
        assertEquals(1012, bob.awaitClose());
        int next = 1;
        for (JsonNode frame : bob.drain(Duration.ofMillis(200))) {
          if (frame.get("event").asText().equals("message")) {
            assertEquals(next++, frame.get("args").get(0).get("n").asInt());
          }
        }
        assertEquals(sent, next - 1, "every relayed message reached bob, in order, before 1012");
        Map<String, Double> metrics = Scrape.metrics(server.url(), null);
        assertEquals(503, Scrape.get(server.url() + "readyz", null).statusCode());
        assertEquals("{\"status\":\"not ready\",\"reasons\":[\"draining\"]}", Scrape.get(server.url() + "readyz", null).body());
        assertEquals(200, Scrape.get(server.url() + "healthz", null).statusCode());
        assertEquals(1.0, metrics.get("signaling_draining"));
        assertEquals(2.0, metrics.get("signaling_closes_total{code=\"1012\"}"), metrics.entrySet().stream()
            .filter(e -> e.getKey().startsWith("signaling_closes_total") && e.getValue() > 0).toList().toString());
      }
      try (TestClient late = TestClient.connect(signaling)) {
        assertEquals(1012, late.awaitClose(), "refused while draining");
      }
      assertEquals(503, Scrape.get(server.url() + "socket.io/?EIO=4&transport=polling", null).statusCode());
      Map<String, Double> refused = Scrape.metrics(server.url(), null);
      assertEquals(2.0, refused.get("signaling_connections_refused_total{code=\"1012\"}"));
    }
  }

  @Test
  void aGetAskingForAnHttp2UpgradeIsAnsweredAndStallsNothing() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients")) {
      // The JDK client's default: HTTP/2, offered to a plain-http server as "Upgrade: h2c".
      java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5)).build();
      for (int i = 0; i < 8; i++) { // more than the selector threads: one stalled would show
        HttpResponse<String> ready = http2.send(java.net.http.HttpRequest.newBuilder(URI.create(server.url() + "readyz"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
      }
      assertEquals(200, Scrape.get(server.url() + "healthz", null).statusCode());
    }
  }

  private static long relayed(ExampleServer server) {
    try {
      return Math.round(Scrape.metrics(server.url(), null).get("signaling_messages_relayed_total"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
