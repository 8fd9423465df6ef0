package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingEngine;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Socket.IO recovery that arrives before the server noticed the old transport's end (the
 * client's network vanished without a reset reaching the server): the server pings the old
 * transport, closes it as a ping timeout when no answer comes within half the reconnect grace,
 * and recovers the session, with the events sent to the dead transport meanwhile delivered once,
 * in order. A recovery with the pid of a transport that answers the ping is refused (a stolen
 * pid), and its owner carries on. Raw WebSockets, on the transport the run asks for.
 */
class SocketIoReconnectGraceIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecoveringServer served;
  private SignalingEngine engine;
  private TransportKit.Served server;
  private FaultyProxy proxy;

  @BeforeEach
  void start() throws Exception {
    served = new RecoveringServer(0, 1); // the proxy never cuts by itself
    engine = served.engine;
    server = served.server;
    proxy = served.proxy;
  }

  @AfterEach
  void stop() throws Exception {
    served.close();
  }

  private static String url(int port) {
    return "ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket";
  }

  /** Connects the main namespace with {@code connect} (a CONNECT packet); returns the answer's payload. */
  private static JsonNode connect(RawWebSocket ws, String connect) throws Exception {
    assertTrue(ws.nextText().startsWith("0{"), "Engine.IO open");
    ws.send(connect);
    String answer = ws.nextText();
    assertTrue(answer.startsWith("40{"), answer);
    return JSON.readTree(answer.substring(2));
  }

  /** The offset an event carries as its last argument. */
  private static String offset(String event) throws Exception {
    JsonNode args = JSON.readTree(event.substring(2));
    return args.get(args.size() - 1).asText();
  }

  /**
   * Alice and Bob connect and meet in room "grace"; returns alice's CONNECT answer with her last
   * offset added as {@code "offset"}.
   */
  private static JsonNode join(RawWebSocket alice, RawWebSocket bob) throws Exception {
    ObjectNode first = (ObjectNode) connect(alice, "40");
    connect(bob, "40");
    alice.send("42[\"create or join\",\"grace\"]");
    assertTrue(alice.nextText().startsWith("42[\"created\""));
    bob.send("42[\"create or join\",\"grace\"]");
    assertTrue(alice.nextText().startsWith("42[\"join\""));
    String ready = alice.nextText();
    assertTrue(ready.startsWith("42[\"ready\""), ready);
    assertTrue(bob.nextText().startsWith("42[\"joined\""));
    assertTrue(bob.nextText().startsWith("42[\"ready\""));
    return first.put("offset", offset(ready));
  }

  /** The CONNECT packet of a client recovering alice's session. */
  private static String recovery(JsonNode first) {
    return "40{\"pid\":\"" + first.get("pid").asText() + "\",\"offset\":\"" + first.get("offset").asText() + "\"}";
  }

  @Test
  void aRecoveryThatOvertakesTheNewsOfTheDropIsRecoveredWithEveryMissedEventOnce() throws Exception {
    try (RawWebSocket alice = RawWebSocket.open(url(proxy.port())); RawWebSocket bob = RawWebSocket.open(url(server.port()))) {
      JsonNode first = join(alice, bob);

      proxy.dropClientsSilently(); // alice's network is gone; the server's side of it stays open
      bob.send("42[\"message\",{\"n\":1}]");
      bob.send("42[\"message\",{\"n\":2}]");

      try (RawWebSocket again = RawWebSocket.open(url(server.port()))) {
        long started = System.nanoTime();
        JsonNode answer = connect(again, recovery(first));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(first.get("sid").asText(), answer.get("sid").asText(), "recovered: the same socket id");
        assertTrue(again.nextText().startsWith("42[\"message\",{\"n\":1},"));
        assertTrue(again.nextText().startsWith("42[\"message\",{\"n\":2},"));
        bob.send("42[\"message\",{\"n\":3}]");
        assertTrue(again.nextText().startsWith("42[\"message\",{\"n\":3},"), "each once, in order, and on");
        assertTrue(waited.compareTo(ResumePolicy.DEFAULT_RECONNECT_GRACE.plusSeconds(1)) < 0, "waited " + waited);
      }
      assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.RESUMED));
      assertEquals(0, engine.resumeOutcomes().get(ResumeOutcome.IN_USE));
    }
  }

  @Test
  void aRecoveryWithThePidOfATransportThatAnswersItsPingIsRefusedAndTheOwnerCarriesOn() throws Exception {
    try (RawWebSocket alice = RawWebSocket.open(url(server.port())); RawWebSocket bob = RawWebSocket.open(url(server.port()))) {
      JsonNode first = join(alice, bob);

      try (RawWebSocket thief = RawWebSocket.open(url(server.port()))) {
        assertTrue(thief.nextText().startsWith("0{"));
        thief.send(recovery(first));
        assertEquals("2", alice.next().text(), "the owner's transport is asked for a sign of life");
        alice.send("3");
        String answer = thief.nextText();
        assertTrue(answer.startsWith("40{"), answer);
        assertNotEquals(first.get("sid").asText(), JSON.readTree(answer.substring(2)).get("sid").asText(),
            "not recovered: a new socket");
      }
      bob.send("42[\"message\",{\"n\":1}]");
      assertTrue(alice.nextText().startsWith("42[\"message\",{\"n\":1},"), "the owner carries on");
      assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.IN_USE));
      assertEquals(0, engine.resumeOutcomes().get(ResumeOutcome.RESUMED));
    }
  }
}
