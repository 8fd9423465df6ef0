package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.SteppedScheduler;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native protocol's resume over real WebSocket connections (docs/PROTOCOL.md, "Resume"):
 * welcome, numbered events, a dropped connection resumed with {@code ?resume=&seq=}, and the
 * refusals. The window's timer runs on a scheduler the test moves by hand.
 */
class NativeResumeIT {
  private final SteppedScheduler scheduler = new SteppedScheduler();
  private ExampleServer server;
  private SignalingEngine engine;
  private URI signaling;

  @BeforeEach
  void startServer() throws Exception {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resumeWindow(Duration.ofSeconds(30)).build())
        .resumeScheduler(scheduler)
        .build();
    server = ExampleServer.builder().port(0).engine(engine).webSocketOptions(WebSocketOptions.DEFAULT).build().start();
    signaling = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private URI resume(String token, long seq) {
    return URI.create(signaling + "?resume=" + token + "&seq=" + seq);
  }

  private static JsonNode welcome(TestClient client) throws InterruptedException {
    JsonNode welcome = client.expect("welcome").get(0);
    assertTrue(welcome.get("resumeToken").asText().length() >= 22);
    return welcome;
  }

  /** Waits until the server has seen the drop (the session is detached), without sleeping blindly. */
  private void awaitDetached(long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (engine.detachedSessionCount() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server did not see the connection drop");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aDroppedConnectionResumesWithTheMissedEventsAndThePartnerSeesDisconnectedReconnectedNeverBye() throws Exception {
    try (TestClient alice = TestClient.connectRaw(signaling); TestClient bob = TestClient.connectRaw(signaling)) {
      JsonNode aliceWelcome = welcome(alice);
      JsonNode bobWelcome = welcome(bob);
      assertNotEquals(bobWelcome.get("peerId"), bobWelcome.get("resumeToken"));
      assertEquals(30_000, bobWelcome.get("window").asLong());

      alice.sendText("{\"event\":\"create or join\",\"args\":[\"foo\"],\"seq\":1}");
      JsonNode created = alice.next();
      assertEquals("created", created.get("event").asText());
      assertEquals(1, created.get("seq").asLong());
      bob.sendText("{\"event\":\"create or join\",\"args\":[\"foo\"],\"seq\":1}");
      assertEquals(List.of("joined", "ready"), List.of(bob.next().get("event").asText(), bob.next().get("event").asText()));
      alice.next();
      alice.next();
      alice.sendText("{\"event\":\"message\",\"args\":[{\"n\":1}],\"seq\":2}");
      JsonNode first = bob.next();
      assertEquals(3, first.get("seq").asLong());
      bob.sendText("{\"event\":\"message\",\"args\":[{\"from\":\"bob\"}],\"seq\":2}");
      assertEquals("message", alice.next().get("event").asText());

      bob.drop();
      awaitDetached(1);
      JsonNode gone = alice.expect("peer-disconnected");
      assertEquals("foo", gone.get(0).asText());
      assertEquals(bobWelcome.get("peerId").asText(), gone.get(1).asText());
      alice.sendText("{\"event\":\"message\",\"args\":[{\"n\":2}],\"seq\":3}");
      alice.sendText("{\"event\":\"message\",\"args\":[{\"n\":3}],\"seq\":4}");

      try (TestClient bob2 = TestClient.connectRaw(resume(bobWelcome.get("resumeToken").asText(), 3))) {
        JsonNode resumed = bob2.expect("resumed").get(0);
        assertEquals(bobWelcome.get("peerId"), resumed.get("peerId"));
        assertEquals(2, resumed.get("seq").asLong(), "the last client event the server processed");
        JsonNode two = bob2.next();
        JsonNode three = bob2.next();
        assertEquals(4, two.get("seq").asLong());
        assertEquals(2, two.get("args").get(0).get("n").asInt());
        assertEquals(5, three.get("seq").asLong());
        assertEquals(3, three.get("args").get(0).get("n").asInt());

        // The client re-sends what the server had not processed: seq 2 again is dropped, 3 goes on.
        bob2.sendText("{\"event\":\"message\",\"args\":[{\"from\":\"bob\"}],\"seq\":2}");
        bob2.sendText("{\"event\":\"message\",\"args\":[{\"again\":\"bob\"}],\"seq\":3}");
        JsonNode back = alice.expect("peer-reconnected");
        assertEquals(bobWelcome.get("peerId").asText(), back.get(1).asText());
        JsonNode relayed = alice.next();
        assertEquals("again", relayed.get("args").get(0).fieldNames().next());
        assertEquals(List.of(), alice.drain(Duration.ofMillis(200)), "no bye, no duplicate");
        assertEquals(bobWelcome.get("peerId").asText(), relayed.get("args").get(1).asText());
        assertNotEquals(aliceWelcome.get("peerId"), bobWelcome.get("peerId"));
      }
    }
  }

  @Test
  void aResumeAfterTheWindowFailsTheClientGetsANewSessionAndThePartnerGotPeerDisconnectedThenBye() throws Exception {
    try (TestClient alice = TestClient.connectRaw(signaling); TestClient bob = TestClient.connectRaw(signaling)) {
      welcome(alice);
      JsonNode bobWelcome = welcome(bob);
      alice.emit("create or join", "foo");
      alice.expect("created");
      bob.emit("create or join", "foo");
      alice.expect("join");
      alice.expect("ready");
      bob.expect("joined");
      bob.expect("ready");
      bob.drop();
      awaitDetached(1);
      assertEquals(bobWelcome.get("peerId").asText(), alice.expect("peer-disconnected").get(1).asText());
      scheduler.advance(Duration.ofSeconds(30));

      JsonNode bye = alice.next();
      assertEquals("bye", bye.get("event").asText());
      assertEquals(bobWelcome.get("peerId").asText(), bye.get("args").get(1).asText());

      try (TestClient bob2 = TestClient.connectRaw(resume(bobWelcome.get("resumeToken").asText(), 2))) {
        JsonNode error = bob2.expect("error").get(0);
        assertEquals("resume-failed", error.get("code").asText());
        JsonNode fresh = welcome(bob2);
        assertNotEquals(bobWelcome.get("peerId"), fresh.get("peerId"));
        bob2.emit("create or join", "foo");
        assertEquals("joined", bob2.next().get("event").asText());
      }
    }
  }

  @Test
  void aStolenTokenUsedWhileItsOwnerIsConnectedIsRefused() throws Exception {
    try (TestClient alice = TestClient.connectRaw(signaling); TestClient bob = TestClient.connectRaw(signaling)) {
      welcome(alice);
      JsonNode bobWelcome = welcome(bob);
      alice.emit("create or join", "foo");
      alice.expect("created");
      bob.emit("create or join", "foo");
      alice.expect("join");
      alice.expect("ready");
      bob.expect("joined");
      bob.expect("ready");

      try (TestClient thief = TestClient.connectRaw(resume(bobWelcome.get("resumeToken").asText(), 0))) {
        // The owner is still attached: the resume waits for the reconnect grace (on the stepped
        // scheduler) while the owner's connection is pinged; it answers, so it keeps its session.
        List<JsonNode> answer = List.of();
        for (int i = 0; i < 100 && answer.isEmpty(); i++) {
          scheduler.advance(Duration.ofMillis(500));
          answer = thief.drain(Duration.ofMillis(20));
        }
        assertEquals("error", answer.get(0).get("event").asText(), answer.toString());
        assertEquals("resume-failed", answer.get(0).get("args").get(0).get("code").asText());
        JsonNode thiefWelcome = answer.size() > 1 ? answer.get(1) : thief.next();
        assertEquals("welcome", thiefWelcome.get("event").asText());
        assertNotEquals(bobWelcome.get("peerId"), thiefWelcome.get("args").get(0).get("peerId"));
        thief.emit("message", "stolen?");
        assertEquals("not-in-room", thief.expect("error").get(0).get("code").asText());
      }
      alice.emit("message", "still there?");
      JsonNode message = bob.next();
      assertEquals("still there?", message.get("args").get(0).asText());
      assertEquals(List.of(), alice.drain(Duration.ofMillis(100)));
    }
  }

  @Test
  void aClientThatClosesInAnOrderlyWayLeavesAtOnce() throws Exception {
    try (TestClient alice = TestClient.connect(signaling); TestClient bob = TestClient.connect(signaling)) {
      alice.emit("create or join", "foo");
      alice.expect("created");
      bob.emit("create or join", "foo");
      alice.expect("join");
      alice.expect("ready");
      bob.expect("joined");
      bob.expect("ready");
      bob.close();
      assertEquals("bye", alice.next().get("event").asText());
    }
  }
}
