package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A native resume that arrives before the server noticed the old connection's end (the client's
 * network vanished and no reset reached the server, so the session is still attached): the
 * server pings the old connection, closes it as dropped when no pong comes within half the
 * reconnect grace, and resumes the session: {@code resumed}, then every event sent to the dead
 * connection meanwhile, once, in order. Real WebSockets through a {@link FaultyProxy}, in real
 * time (the grace is two seconds).
 */
class NativeReconnectGraceIT {
  private SignalingEngine engine;
  private ExampleServer server;
  private FaultyProxy proxy;

  @BeforeEach
  void start() throws Exception {
    engine = SignalingEngine.builder().config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build()).build();
    server = ExampleServer.builder().port(0).engine(engine).webSocketOptions(WebSocketOptions.DEFAULT).build().start();
    proxy = new FaultyProxy(server.port(), 0, 1); // never cuts by itself
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private static URI signaling(int port) {
    return URI.create("ws://127.0.0.1:" + port + "/signaling");
  }

  @Test
  void aResumeThatOvertakesTheNewsOfTheDropResumesWithEveryMissedEventOnceInOrder() throws Exception {
    try (TestClient alice = TestClient.connectRaw(signaling(proxy.port()));
        TestClient bob = TestClient.connectRaw(signaling(server.port()))) {
      JsonNode welcome = alice.expect("welcome").get(0);
      bob.expect("welcome");
      alice.emit("create or join", "grace");
      alice.expect("created");
      bob.emit("create or join", "grace");
      alice.expect("join");
      JsonNode ready = alice.next();
      assertEquals("ready", ready.get("event").asText());
      long aliceSaw = ready.get("seq").asLong();
      bob.expect("joined");
      bob.expect("ready");

      proxy.dropClientsSilently(); // alice's network is gone; the server's side of it stays open
      bob.emit("message", "one");
      bob.emit("message", "two");

      long started = System.nanoTime();
      try (TestClient again = TestClient.connectRaw(URI.create(signaling(server.port())
          + "?resume=" + welcome.get("resumeToken").asText() + "&seq=" + aliceSaw))) {
        JsonNode resumed = again.expect("resumed").get(0);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(welcome.get("peerId"), resumed.get("peerId"), "the same session");
        JsonNode one = again.next();
        JsonNode two = again.next();
        assertEquals("one", one.get("args").get(0).asText());
        assertEquals(aliceSaw + 1, one.get("seq").asLong());
        assertEquals("two", two.get("args").get(0).asText());
        assertEquals(aliceSaw + 2, two.get("seq").asLong());
        bob.emit("message", "three");
        JsonNode three = again.next();
        assertEquals("three", three.get("args").get(0).asText(), "and on, each once, in order");
        assertEquals(aliceSaw + 3, three.get("seq").asLong());
        assertTrue(waited.compareTo(ResumePolicy.DEFAULT_RECONNECT_GRACE.plusSeconds(1)) < 0, "waited " + waited);
      }
      assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.RESUMED));
      assertEquals(0, engine.resumeOutcomes().get(ResumeOutcome.IN_USE));
    }
  }
}
