package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.transport.WebSocketOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a clear error or close code, never a crash, and never harms other connections. */
class BadInputIT {
  private ExampleServer server;

  private URI start(WebSocketOptions options) throws IOException {
    server = DemoServers.start(options, "--quiet-clients");
    return URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "this is not json                                   | invalid-json",
      "[\"create or join\", \"foo\"]                      | invalid-event",
      "{\"args\":[\"foo\"]}                               | invalid-event",
      "{\"event\":\"create or join\",\"args\":[42]}       | invalid-event",
      "{\"event\":\"create or join\",\"args\":\"foo\"}    | invalid-event",
      "{\"event\":\"launch missiles\",\"args\":[]}        | unknown-event",
      "{\"event\":\"create or join\",\"args\":[\"\"]}     | invalid-room",
      "{\"event\":\"create or join\",\"args\":[\"a\\u0007b\"]} | invalid-room",
      "{\"event\":\"message\",\"args\":[\"hi\"]}          | not-in-room",
      "{\"event\":\"bye\",\"args\":[\"foo\"]}             | not-in-room",
      "{\"event\":\"ipaddr\",\"args\":[]}                 | unknown-event",
  })
  void badFrameGetsAnErrorEventAndTheConnectionStaysOpen(String frame, String code) throws Exception {
    URI uri = start(WebSocketOptions.DEFAULT);
    try (TestClient client = TestClient.connect(uri)) {
      client.sendText(frame);
      JsonNode error = client.expect("error");
      assertEquals(code, error.get(0).get("code").asText(), error.toString());
      assertTrue(error.get(0).get("message").asText().length() > 0);

      client.emit("create or join", "after-error");
      assertEquals("created", client.next().get("event").asText(), "connection still usable");
    }
  }

  @Test
  void tooLongRoomNameIsRefused() throws Exception {
    URI uri = start(WebSocketOptions.DEFAULT);
    try (TestClient client = TestClient.connect(uri)) {
      client.emit("create or join", "r".repeat(129));
      assertEquals("invalid-room", client.expect("error").get(0).get("code").asText());
    }
  }

  @Test
  void textMessageOverTheLimitClosesWith1009AndSparesOthers() throws Exception {
    URI uri = start(WebSocketOptions.builder().maxTextMessageBytes(1024).build());
    try (TestClient bystander = TestClient.connect(uri); TestClient client = TestClient.connect(uri)) {
      bystander.emit("create or join", "safe");
      bystander.next();
      client.emit("message", "x".repeat(2000));
      assertEquals(1009, client.awaitClose());

      bystander.emit("bye", "safe");
      bystander.emit("create or join", "safe");
      assertEquals("created", bystander.next().get("event").asText(), "others unharmed");
    }
  }

  @Test
  void aTextFrameThatIsNotUtf8ClosesWith1007AndSparesOthers() throws Exception {
    URI uri = start(WebSocketOptions.DEFAULT);
    try (TestClient alice = TestClient.connect(uri); TestClient bob = TestClient.connect(uri);
        RawWebSocket broken = RawWebSocket.connect(server.port(), "/signaling")) {
      alice.emit("create or join", "utf8");
      alice.expect("created");
      bob.emit("create or join", "utf8");
      bob.expect("joined");
      byte[] frame = "{\"event\":\"message\",\"args\":[\"x??\"]}".getBytes(StandardCharsets.UTF_8);
      frame[frame.length - 5] = (byte) 0xED; // ED A0: a UTF-16 surrogate written as UTF-8
      frame[frame.length - 4] = (byte) 0xA0;
      broken.sendText(frame);
      assertEquals(1007, broken.awaitClose());

      alice.emit("message", "still here");
      JsonNode relayed;
      do {
        relayed = bob.nextSkippingLogs();
      } while (!"message".equals(relayed.path("event").asText()));
      assertEquals("still here", relayed.get("args").get(0).asText(), "others unharmed");
    }
  }

  @Test
  void defaultLimitIs64KiB() throws Exception {
    URI uri = start(WebSocketOptions.DEFAULT);
    try (TestClient client = TestClient.connect(uri)) {
      client.emit("message", "x".repeat(60_000));
      assertEquals("not-in-room", client.expect("error").get(0).get("code").asText(), "60 KB is allowed");
      client.emit("message", "x".repeat(70_000));
      assertEquals(1009, client.awaitClose());
    }
  }

  @Test
  void binaryFrameClosesWith1003() throws Exception {
    URI uri = start(WebSocketOptions.DEFAULT);
    try (TestClient client = TestClient.connect(uri)) {
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, client.awaitClose());
    }
  }

  @Test
  void sustainedAbuseClosesWith1008() throws Exception {
    URI uri = start(WebSocketOptions.DEFAULT);
    try (TestClient abuser = TestClient.connect(uri)) {
      for (int i = 0; i < 21; i++) {
        abuser.sendText("garbage " + i);
      }
      for (int i = 0; i < 21; i++) {
        assertEquals("error", abuser.next().get("event").asText());
      }
      assertEquals(1008, abuser.awaitClose());
    }
  }

  @Test
  void handshakeFromADisallowedOriginIsRefused() throws Exception {
    URI uri = start(WebSocketOptions.builder()
        .originPolicy(WebSocketOptions.allowOrigins(Set.of("https://good.example"))).build());
    try (TestClient good = TestClient.connect(uri, "https://good.example")) {
      good.emit("create or join", "foo");
      assertEquals("created", good.next().get("event").asText());
    }
    assertThrows(CompletionException.class, () -> TestClient.connect(uri, "https://evil.example"));
  }

  @Test
  void aClientThatAnswersPingsOutlivesTheIdleTimeout() throws Exception {
    URI uri = start(WebSocketOptions.builder()
        .pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofMillis(700)).build());
    try (TestClient client = TestClient.connect(uri)) {
      Thread.sleep(1500);
      assertTrue(!client.isClosed(), "pongs keep the connection alive");
      client.emit("create or join", "still-here");
      assertEquals("created", client.next().get("event").asText());
    }
  }

  @Test
  void aSilentClientIsClosedAfterTheIdleTimeout() throws Exception {
    start(WebSocketOptions.builder()
        .pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofMillis(700)).build());
    SilentClient.Outcome outcome = SilentClient.connectAndStaySilent(server.port(), "/signaling");
    assertTrue(outcome.handshake().startsWith("HTTP/1.1 101"), outcome.handshake());
    assertTrue(outcome.pinged(), "the server pinged before giving up");
    assertEquals(1001, outcome.closeCode());
  }

  @Test
  void busyConnectionsAreNotPingedButIdleOnesAre() throws Exception {
    URI uri = start(WebSocketOptions.builder()
        .pingInterval(Duration.ofMillis(400)).idleTimeout(Duration.ofMillis(1400)).build());
    try (TestClient alice = TestClient.connect(uri);
         TestClient bob = TestClient.connect(uri);
         TestClient idle = TestClient.connect(uri)) {
      alice.emit("create or join", "busy");
      alice.expect("created");
      bob.emit("create or join", "busy");
      bob.expect("joined");
      bob.expect("ready");
      // Frames both ways every 20 ms for five ping intervals; the busy window is 200 ms here.
      long end = System.nanoTime() + Duration.ofMillis(2000).toNanos();
      int sent = 0;
      while (System.nanoTime() < end) {
        alice.emit("message", "a" + sent);
        bob.emit("message", "b" + sent);
        sent++;
        Thread.sleep(20);
      }
      assertTrue(idle.pingsReceived() >= 3, "the idle connection was pinged " + idle.pingsReceived() + " times");
      // The first visit may fall before the first message; none after it should ping.
      assertTrue(alice.pingsReceived() <= 1 && bob.pingsReceived() <= 1,
          "busy connections pinged " + alice.pingsReceived() + " and " + bob.pingsReceived() + " times");
      assertTrue(!idle.isClosed() && !alice.isClosed() && !bob.isClosed());
    }
  }
}
