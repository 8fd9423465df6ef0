package dev.signaling.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.core.transport.WebSocketOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java client against the real example server over loopback. */
class SignalingClientIT {
  private SignalingEngine engine;
  private ExampleServer server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build())
        .on("echo", (peer, args, ack) -> ack.reply(args))
        .build();
    server = ExampleServer.builder().port(0).engine(engine).webSocketOptions(WebSocketOptions.DEFAULT).build().start();
    uri = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void twoClientsPairUpExchangeMessagesAndSeeEachOtherLeave() throws Exception {
    Inbox aliceInbox = new Inbox();
    Inbox bobInbox = new Inbox();
    try (SignalingClient alice = SignalingClient.builder(uri).listener(aliceInbox).connect();
        SignalingClient bob = SignalingClient.builder(uri).listener(bobInbox).connect()) {
      String aliceId = aliceInbox.next(SignalingEvent.SessionStarted.class).peerId();
      String bobId = bobInbox.next(SignalingEvent.SessionStarted.class).peerId();
      assertEquals(aliceId, alice.peerId());

      alice.createOrJoin("foo");
      assertEquals(new SignalingEvent.Created("foo", aliceId), aliceInbox.next(SignalingEvent.Created.class));
      bob.createOrJoin("foo");
      assertEquals(new SignalingEvent.Joined("foo", bobId), bobInbox.next(SignalingEvent.Joined.class));
      assertEquals(new SignalingEvent.Join("foo", bobId), aliceInbox.next(SignalingEvent.Join.class));
      assertEquals(new SignalingEvent.Ready("foo"), aliceInbox.next(SignalingEvent.Ready.class));

      alice.message(Map.of("type", "offer", "sdp", "v=0"));
      SignalingEvent.Message offer = bobInbox.next(SignalingEvent.Message.class);
      assertEquals("offer", offer.payload().get("type").asText());
      assertEquals(aliceId, offer.fromPeerId());
      bob.message(JsonNodeFactory.instance.objectNode().put("type", "answer"), aliceId);
      assertEquals("answer", aliceInbox.next(SignalingEvent.Message.class).payload().get("type").asText());

      List<JsonNode> echoed = alice.sendWithAck("echo", "hello", 42).get(10, TimeUnit.SECONDS);
      assertEquals("hello", echoed.get(0).asText());
      assertEquals(42, echoed.get(1).asInt());

      alice.send("no-such-event");
      assertEquals("unknown-event", aliceInbox.next(SignalingEvent.Error.class).code());

      bob.close();
      assertEquals(new SignalingEvent.Bye("foo", bobId), aliceInbox.next(SignalingEvent.Bye.class));
      assertEquals(1000, bobInbox.next(SignalingEvent.Closed.class).code());
    }
  }

  @Test
  void aDroppedConnectionIsResumedWithNothingLostAndNothingRepeated() throws Exception {
    Inbox aliceInbox = new Inbox();
    Inbox bobInbox = new Inbox();
    try (SignalingClient alice = SignalingClient.builder(uri).listener(aliceInbox).connect();
        SignalingClient bob = SignalingClient.builder(uri).listener(bobInbox).connect()) {
      aliceInbox.next(SignalingEvent.SessionStarted.class);
      String bobId = bobInbox.next(SignalingEvent.SessionStarted.class).peerId();
      alice.createOrJoin("foo");
      aliceInbox.next(SignalingEvent.Created.class);
      bob.createOrJoin("foo");
      bobInbox.next(SignalingEvent.Ready.class);
      aliceInbox.next(SignalingEvent.Ready.class);

      bob.dropConnection();
      for (int i = 1; i <= 20; i++) {
        alice.message(Map.of("n", i));
        bob.message(Map.of("m", i)); // queued while bob reconnects, sent once resumed
      }
      assertTrue(bobInbox.next(SignalingEvent.ConnectionLost.class) != null);
      assertEquals(new SignalingEvent.SessionResumed(bobId), bobInbox.next(SignalingEvent.SessionResumed.class));
      // Alice is told bob dropped and came back (before anything bob sends after the resume).
      assertEquals(new SignalingEvent.PeerDisconnected("foo", bobId), aliceInbox.next());
      assertEquals(new SignalingEvent.PeerReconnected("foo", bobId), aliceInbox.next());
      for (int i = 1; i <= 20; i++) {
        assertEquals(i, bobInbox.next(SignalingEvent.Message.class).payload().get("n").asInt());
        assertEquals(i, aliceInbox.next(SignalingEvent.Message.class).payload().get("m").asInt());
      }
      assertNull(bobInbox.poll(Duration.ofMillis(200)));
      SignalingEvent extra = aliceInbox.poll(Duration.ofMillis(100));
      assertFalse(extra instanceof SignalingEvent.Bye, "alice never saw bob leave: " + extra);
      assertNull(extra);
      assertEquals(bobId, bob.peerId());
      assertNotNull(engine.peer(bobId).orElse(null));
    }
  }
}
