package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The codelab's scenario over real WebSocket connections against the running example server. */
class CodelabScenarioIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ExampleServer server;
  private URI signaling;

  @BeforeEach
  void startServer() throws Exception {
    server = DemoServers.start();
    signaling = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void twoPeersPairThirdIsFullAndMessagesStayInTheRoom() throws Exception {
    CodelabScenario.twoPeersPairTheThirdIsFullAndMessagesStayInTheRoom(signaling, "foo");
  }

  @Test
  void aMessageArrivesByteForByteWithItsMultiByteCharactersAndEscapes() throws Exception {
    String payload = "{\"sdp\":\"v=0 \u00e9 日本 😀 \\ud83d\\ude00 \\\"q\\\" \\r\\n\",\"n\":[1.50e+1, -0]}";
    try (RawWebSocket alice = RawWebSocket.connect(server.port(), "/signaling");
        RawWebSocket bob = RawWebSocket.connect(server.port(), "/signaling")) {
      alice.sendText("{\"event\":\"create or join\",\"args\":[\"bytes\"]}");
      alice.nextEvent("created");
      bob.sendText("{\"event\":\"create or join\",\"args\":[\"bytes\"]}");
      bob.nextEvent("joined");
      alice.nextEvent("ready");

      alice.sendText("{\"event\":\"message\",\"args\":[" + payload + "]}");
      String relayed = bob.nextEvent("message").text();

      assertTrue(relayed.startsWith("{\"event\":\"message\",\"args\":[" + payload + ",\""), relayed);
    }
  }

  @Test
  void aDisconnectFreesTheSlotTheOtherGetsByeAndANewPeerCanJoin() throws Exception {
    try (TestClient alice = TestClient.connect(signaling);
        TestClient dave = TestClient.connect(signaling)) {
      TestClient bob = TestClient.connect(signaling);
      alice.emit("create or join", "foo");
      alice.nextSkippingLogs();
      bob.emit("create or join", "foo");
      String bobId = bob.nextSkippingLogs().get("args").get(1).asText();
      bob.nextSkippingLogs();
      alice.nextSkippingLogs(); // join
      alice.nextSkippingLogs(); // ready

      bob.close();

      assertEquals(JSON.readTree("[\"foo\",\"" + bobId + "\"]"), alice.expect("bye"));
      dave.emit("create or join", "foo");
      assertEquals("joined", dave.nextSkippingLogs().get("event").asText());
      assertEquals("ready", dave.nextSkippingLogs().get("event").asText());
      assertEquals("join", alice.nextSkippingLogs().get("event").asText());
    }
  }

  @Test
  void byeLeavesTheRoomButKeepsTheConnection() throws Exception {
    try (TestClient alice = TestClient.connect(signaling);
        TestClient bob = TestClient.connect(signaling)) {
      alice.emit("create or join", "foo");
      alice.nextSkippingLogs();
      bob.emit("create or join", "foo");
      bob.nextSkippingLogs();
      bob.nextSkippingLogs();
      alice.nextSkippingLogs();
      alice.nextSkippingLogs();

      bob.emit("bye", "foo");
      assertEquals("bye", alice.nextSkippingLogs().get("event").asText());
      bob.emit("message", "anyone?");
      JsonNode error = bob.nextSkippingLogs();
      assertEquals("error", error.get("event").asText());
      assertEquals("not-in-room", error.get("args").get(0).get("code").asText());
      bob.emit("create or join", "foo");
      assertEquals("joined", bob.nextSkippingLogs().get("event").asText());
    }
  }

  @Test
  void ipaddrAndLogLinesAreOnInTheDemo() throws Exception {
    try (TestClient alice = TestClient.connect(signaling)) {
      alice.emit("create or join", "foo");
      JsonNode log = alice.expect("log");
      assertEquals("Message from server:", log.get(0).get(0).asText());
      alice.emit("ipaddr");
      for (JsonNode frame : alice.drain(Duration.ofMillis(500))) {
        String event = frame.get("event").asText();
        assertTrue(List.of("log", "created", "ipaddr").contains(event), frame.toString());
      }
    }
  }
}
