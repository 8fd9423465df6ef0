package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.transport.socketio.conformance.ConformanceServer;
import dev.signaling.transport.socketio.engineio.EngineIoServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO protocol 4, as the specification states it, over real loopback sockets: the echo app
 * at {@code /engine.io/} with the reference timings (ping every 300 ms, 200 ms to answer).
 */
class EngineIoProtocolIT {
  private static EngineIoServer engineIo;
  private static TransportKit.Served server;
  private static Polling polling;
  private static String wsUrl;

  @BeforeAll
  static void start() throws Exception {
    engineIo = ConformanceServer.engineIoEcho();
    server = TransportKits.current().serve(new TransportKit.Mounts().engineIo("/engine.io/", engineIo));
    polling = new Polling(server.url(), "/engine.io/");
    wsUrl = "ws://127.0.0.1:" + server.port() + "/engine.io/?EIO=4&transport=websocket";
  }

  @AfterAll
  static void stop() {
    server.close();
    engineIo.close();
  }

  @Test
  void pollingHandshakeAnnouncesSessionTimingsAndTheWebSocketUpgrade() {
    JsonNode handshake = polling.handshake();
    assertTrue(handshake.get("sid").isTextual());
    assertEquals("[\"websocket\"]", handshake.get("upgrades").toString());
    assertEquals(300, handshake.get("pingInterval").intValue());
    assertEquals(200, handshake.get("pingTimeout").intValue());
    assertEquals(1_000_000, handshake.get("maxPayload").intValue());
  }

  @Test
  void requestsForAnotherProtocolVersionOrTransportAreRefused() {
    assertEquals(400, polling.get("transport=polling").statusCode());
    assertEquals(400, polling.get("EIO=3&transport=polling").statusCode());
    assertEquals(400, polling.get("EIO=4").statusCode());
    assertEquals(400, polling.get("EIO=4&transport=carrier-pigeon").statusCode());
    assertEquals(400, polling.post("EIO=4&transport=polling", "4hi").statusCode(), "a session starts with GET");
    assertEquals(400, polling.get(Polling.session("no-such-session")).statusCode());
  }

  @Test
  void webSocketHandshakeIsTheFirstFrameAndOffersNoUpgrade() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(wsUrl)) {
      String open = ws.next().text();
      assertTrue(open.startsWith("0{"), open);
      assertTrue(open.contains("\"upgrades\":[]"), open);
    }
    try (RawWebSocket wrongVersion = RawWebSocket.open(wsUrl.replace("EIO=4", "EIO=3"))) {
      assertEquals(1002, wrongVersion.awaitClose(Duration.ofSeconds(5)));
    }
  }

  @Test
  void pollingCarriesTextAndBinaryMessagesBothWays() {
    String sid = polling.handshake().get("sid").textValue();
    HttpResponse<String> push = polling.post(Polling.session(sid), "4hello\u001e4second\u001ebAQIDBA==");
    assertEquals(200, push.statusCode());
    assertEquals("ok", push.body());
    HttpResponse<String> poll = polling.get(Polling.session(sid));
    assertEquals("4hello\u001e4second\u001ebAQIDBA==", poll.body());
  }

  @Test
  void webSocketCarriesTextAndBinaryMessages() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(wsUrl)) {
      ws.next();
      ws.send("4hello");
      assertEquals("4hello", ws.nextText());
      ws.sendBinary(new byte[] {1, 2, 3});
      RawWebSocket.Frame frame = ws.next();
      assertEquals("[1, 2, 3]", java.util.Arrays.toString(frame.binary()));
    }
  }

  @Test
  void serverPingsAPollingClientAndClosesTheSessionWhenPongsStop() throws Exception {
    String sid = polling.handshake().get("sid").textValue();
    for (int i = 0; i < 2; i++) {
      assertEquals("2", polling.get(Polling.session(sid)).body());
      assertEquals(200, polling.post(Polling.session(sid), "3").statusCode());
    }
    assertEquals("2", polling.get(Polling.session(sid)).body());
    // No pong: after pingTimeout (200 ms) the session is gone.
    Thread.sleep(400);
    assertEquals(400, polling.get(Polling.session(sid)).statusCode());
  }

  @Test
  void webSocketClientThatStopsAnsweringPingsIsClosedAfterTheTimeout() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(wsUrl)) {
      ws.next(); // handshake
      long start = System.nanoTime();
      assertEquals("2", ws.next().text());
      ws.send("3");
      assertEquals("2", ws.next().text()); // answered once, then silence
      int code = ws.awaitClose(Duration.ofSeconds(3));
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(code > 0, "closed by the server, code " + code);
      assertTrue(elapsedMs >= 500, "not before a ping went unanswered for pingTimeout: " + elapsedMs + " ms");
    }
  }

  @Test
  void aPollingBodyOverMaxPayloadIsRefusedWith413AndEndsTheSession() {
    String sid = polling.handshake().get("sid").textValue();
    byte[] tooBig = ("4" + "x".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);
    assertEquals(413, polling.post(Polling.session(sid), tooBig).statusCode());
    assertEquals(400, polling.get(Polling.session(sid)).statusCode());
  }

  @Test
  void aChunkedPollingBodyOverMaxPayloadIsRefusedWith413() throws Exception {
    String sid = polling.handshake().get("sid").textValue();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /engine.io/?" + Polling.session(sid) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = "x".repeat(65536).getBytes(StandardCharsets.US_ASCII);
      String status = null;
      for (int i = 0; i < 20 && status == null; i++) { // 1.3 MB at most, over the 1 MB cap
        try {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (java.io.IOException closedByServer) {
          break;
        }
      }
      status = readStatusLine(socket.getInputStream());
      assertTrue(status.startsWith("HTTP/1.1 413 "), status);
    }
    assertEquals(400, polling.get(Polling.session(sid)).statusCode());
  }

  @Test
  void aCancelledPollEndsTheSession() throws Exception {
    String sid = polling.handshake().get("sid").textValue();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("GET /engine.io/?" + Polling.session(sid)
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      Thread.sleep(50); // let the server hold the poll
    } // the client goes away with its poll pending
    assertEventually(() -> polling.get(Polling.session(sid)).statusCode() == 400, "session closed");
  }

  @Test
  void aSecondConcurrentPollEndsTheSession() throws Exception {
    String sid = polling.handshake().get("sid").textValue();
    CompletableFuture<HttpResponse<String>> first = polling.getAsync(Polling.session(sid));
    Thread.sleep(50);
    HttpResponse<String> second = polling.get(Polling.session(sid));
    assertEquals(400, second.statusCode());
    assertEquals("1", first.get(5, TimeUnit.SECONDS).body(), "the held poll is told the session closed");
    assertEquals(400, polling.get(Polling.session(sid)).statusCode());
  }

  @Test
  void anInvalidPacketClosesThePollingSession() {
    String sid = polling.handshake().get("sid").textValue();
    assertEquals(400, polling.post(Polling.session(sid), "abc").statusCode());
    assertEquals(400, polling.get(Polling.session(sid)).statusCode());
  }

  @Test
  void aClosePacketEndsTheSessionAndReleasesTheHeldPoll() throws Exception {
    String sid = polling.handshake().get("sid").textValue();
    CompletableFuture<HttpResponse<String>> held = polling.getAsync(Polling.session(sid));
    Thread.sleep(50);
    assertEquals(200, polling.post(Polling.session(sid), "1").statusCode());
    assertEquals("6", held.get(5, TimeUnit.SECONDS).body());
    assertEquals(400, polling.get(Polling.session(sid)).statusCode());
  }

  @Test
  void upgradeFromPollingToWebSocketWithAProbe() throws Exception {
    String sid = polling.handshake().get("sid").textValue();
    CompletableFuture<HttpResponse<String>> held = polling.getAsync(Polling.session(sid));
    Thread.sleep(50);
    try (RawWebSocket ws = RawWebSocket.open(wsUrl + "&sid=" + sid)) {
      ws.send("2probe");
      assertEquals("3probe", ws.next().text());
      assertEquals("6", held.get(5, TimeUnit.SECONDS).body(), "the held poll is released with a noop");
      ws.send("5");
      ws.send("4after upgrade");
      assertEquals("4after upgrade", ws.nextText());
      assertEquals(400, polling.get(Polling.session(sid)).statusCode(), "polling is over for this session");
      try (RawWebSocket again = RawWebSocket.open(wsUrl + "&sid=" + sid)) {
        assertTrue(again.awaitClose(Duration.ofSeconds(5)) > 0, "a second upgrade is refused");
      }
      ws.send("4still here");
      assertEquals("4still here", ws.nextText());
    }
  }

  @Test
  void anUpgradeForAnUnknownSessionIsRefused() {
    try (RawWebSocket ws = RawWebSocket.open(wsUrl + "&sid=nope")) {
      assertEquals(1002, ws.awaitClose(Duration.ofSeconds(5)));
    }
  }

  @Test
  void closingTheServerEndsEverySession() throws Exception {
    EngineIoServer other = ConformanceServer.engineIoEcho();
    try (TransportKit.Served otherServer = TransportKits.current().serve(new TransportKit.Mounts().engineIo("/engine.io/", other))) {
      RawWebSocket ws = RawWebSocket.open("ws://127.0.0.1:" + otherServer.port() + "/engine.io/?EIO=4&transport=websocket");
      ws.next();
      assertEquals(1, other.sessionCount());
      other.close();
      assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0);
      assertEquals(0, other.sessionCount());
    }
  }

  private static String readStatusLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      int c = in.read();
      if (c < 0 || c == '\n') {
        break;
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  static void assertEventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not within 5 s: " + what);
  }
}
