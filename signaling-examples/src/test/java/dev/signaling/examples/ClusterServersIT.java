package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.cluster.redis.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two example servers started with {@code --redis}, one redis-server: peers on both pair. */
class ClusterServersIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void peersOnTwoServersSharingOneRedisPairAndRelayOverWebSockets() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        ExampleServer one = node(redis, "one");
        ExampleServer two = node(redis, "two");
        TestClient alice = TestClient.connect(signaling(one));
        TestClient bob = TestClient.connect(signaling(two));
        TestClient carol = TestClient.connect(signaling(one))) {
      alice.emit("create or join", "foo");
      String aliceId = alice.expect("created").get(1).asText();
      bob.emit("create or join", "foo");
      String bobId = bob.expect("joined").get(1).asText();
      assertEquals(JSON.readTree("[\"foo\"]"), bob.expect("ready"));
      assertEquals(JSON.readTree("[\"foo\",\"" + bobId + "\"]"), alice.expect("join"));
      assertEquals(JSON.readTree("[\"foo\"]"), alice.expect("ready"));

      JsonNode offer = JSON.readTree("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
      alice.emit("message", offer);
      assertEquals(JSON.createArrayNode().add(offer).add(aliceId), bob.expect("message"));
      bob.emit("message", "got user media");
      assertEquals(JSON.createArrayNode().add("got user media").add(bobId), alice.expect("message"));

      carol.emit("create or join", "foo");
      assertEquals(JSON.readTree("[\"foo\"]"), carol.expect("full"));
    }
  }

  /**
   * No sticky sessions: a client whose connection to one server dropped comes back to the other
   * with its resume token. That server has the old session ended where it lives first (docs/
   * CLUSTER.md, "Resume"), then answers resume-failed: the partner got bye, and the client's new
   * create or join is answered joined, not full.
   */
  @Test
  void aClientResumingOnTheOtherServerStartsOverThereWithItsPlaceInTheRoomFree() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        ExampleServer one = node(redis, "one");
        ExampleServer two = node(redis, "two");
        TestClient alice = TestClient.connectRaw(signaling(one));
        TestClient bob = TestClient.connectRaw(signaling(two))) {
      alice.expect("welcome");
      String token = bob.expect("welcome").get(0).get("resumeToken").asText();
      alice.emit("create or join", "foo");
      alice.expect("created");
      bob.emit("create or join", "foo");
      String bobId = bob.expect("joined").get(1).asText();
      JsonNode ready = bob.next();
      assertEquals("ready", ready.get("event").asText());
      assertEquals("join", alice.next().get("event").asText());
      assertEquals("ready", alice.next().get("event").asText());

      bob.drop();
      try (TestClient bobAgain = TestClient.connectRaw(URI.create(
          signaling(one) + "?resume=" + token + "&seq=" + ready.get("seq").asLong()))) {
        JsonNode failed = bobAgain.expect("error").get(0);
        assertEquals("resume-failed", failed.get("code").asText());
        assertEquals("ended-elsewhere", failed.get("reason").asText());
        assertNotEquals(bobId, bobAgain.expect("welcome").get(0).get("peerId").asText());
        assertEquals(JSON.readTree("[\"foo\",\"" + bobId + "\"]"), nextRoomEvent(alice, "bye"));

        bobAgain.emit("create or join", "foo");
        String newId = bobAgain.expect("joined").get(1).asText();
        assertEquals(JSON.readTree("[\"foo\"]"), bobAgain.expect("ready"));
        assertEquals(JSON.readTree("[\"foo\",\"" + newId + "\"]"), alice.expect("join"));
        assertEquals(JSON.readTree("[\"foo\"]"), alice.expect("ready"));
      }
    }
  }

  @Test
  void readinessTurns503WhileRedisIsDownAndBackWhenItReturnsWhileLivenessStays200() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        ExampleServer one = node(redis, "one");
        ExampleServer two = node(redis, "two")) {
      assertEquals(200, Scrape.get(one.url() + "readyz", null).statusCode());
      awaitBody(one.url() + "admin/stats", body -> JSON.readTree(body).path("backend").path("clusterNodes").size() == 2);
      assertEquals(JSON.readTree("[\"one\",\"two\"]"),
          sorted(JSON.readTree(Scrape.get(one.url() + "admin/stats", null).body()).get("backend").get("clusterNodes")));
      assertEquals(1.0, Scrape.metrics(one.url(), null).get("signaling_backend_reachable"));

      redis.kill();
      HttpResponse<String> notReady = awaitStatus(one.url() + "readyz", 503);
      JsonNode why = JSON.readTree(notReady.body());
      assertEquals("not ready", why.get("status").asText());
      assertTrue(why.get("reasons").get(0).asText().startsWith("backend unreachable: "), notReady.body());
      assertEquals(200, Scrape.get(one.url() + "healthz", null).statusCode());
      assertEquals(0.0, Scrape.metrics(one.url(), null).get("signaling_backend_reachable"));

      redis.restart();
      awaitStatus(one.url() + "readyz", 200);
      awaitStatus(two.url() + "readyz", 200);
      assertEquals(200, Scrape.get(one.url() + "healthz", null).statusCode());
    }
  }

  /** The next frame, which must be {@code event}, after any informational peer-disconnected. */
  private static JsonNode nextRoomEvent(TestClient client, String event) throws InterruptedException {
    JsonNode frame = client.next();
    while ("peer-disconnected".equals(frame.path("event").asText())) {
      frame = client.next();
    }
    assertEquals(event, frame.path("event").asText(), frame::toString);
    return frame.get("args");
  }

  /** An example server started with {@code --redis}, as node {@code id}. */
  private static ExampleServer node(RedisServerProcess redis, String id) throws java.io.IOException {
    return DemoServers.start("--quiet-clients", "--redis", redis.uri(), "--node-id", id);
  }

  private static JsonNode sorted(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    Collections.sort(values);
    return JSON.valueToTree(values);
  }

  /** Polls {@code url} (at most 20 s: a heartbeat, a command timeout, a reconnect) until it answers {@code status}. */
  private static HttpResponse<String> awaitStatus(String url, int status) throws Exception {
    return awaitResponse(url, response -> response.statusCode() == status);
  }

  private static void awaitBody(String url, Check<String> check) throws Exception {
    awaitResponse(url, response -> check.test(response.body()));
  }

  private static HttpResponse<String> awaitResponse(String url, Check<HttpResponse<String>> check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<String> response = Scrape.get(url, null);
    while (!check.test(response)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("GET " + url + " still answers " + response.statusCode() + " " + response.body());
      }
      Thread.sleep(50);
      response = Scrape.get(url, null);
    }
    return response;
  }

  @FunctionalInterface
  private interface Check<T> {
    boolean test(T value) throws Exception;
  }

  private static URI signaling(ExampleServer server) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }
}
