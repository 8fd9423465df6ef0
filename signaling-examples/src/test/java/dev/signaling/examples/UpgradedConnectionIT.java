package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that has become a WebSocket no longer holds its HTTP upgrade exchange: Grizzly's
 * parsed request and response (≈ 7 KB a connection) are released after {@code 101}, while the
 * frames keep flowing, on both the native endpoint and Socket.IO's.
 */
class UpgradedConnectionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONNECTIONS = 200;
  private static final String REQUEST_CLASS = "org.glassfish.grizzly.http.HttpServerFilter$ServerHttpRequestImpl";
  private static final String RESPONSE_CLASS = "org.glassfish.grizzly.http.HttpResponsePacketImpl";

  private ExampleServer server;

  @BeforeEach
  void startServer() throws Exception {
    // 200 connections from one loopback address: above the default per-address limit of 100.
    server = DemoServers.start("--max-connections-per-ip", "1000");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void openWebSocketsDoNotKeepTheirUpgradeRequests() throws Exception {
    URI signaling = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
    URI engineIo = URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket");
    HttpClient http = HttpClient.newHttpClient();
    List<TestClient> clients = new ArrayList<>();
    try {
      // One of each first, so that pools and caches exist before the baseline is taken.
      openNative(http, signaling, clients, "warm-up");
      openEngineIo(http, engineIo, clients);
      long requestsBefore = liveInstances(REQUEST_CLASS);
      long responsesBefore = liveInstances(RESPONSE_CLASS);

      for (int i = 0; i < CONNECTIONS / 2; i++) {
        openNative(http, signaling, clients, "room-" + (i / 2));
        openEngineIo(http, engineIo, clients);
      }
      long requestsHeld = liveInstances(REQUEST_CLASS) - requestsBefore;
      long responsesHeld = liveInstances(RESPONSE_CLASS) - responsesBefore;

      // Stock Tyrus on Grizzly keeps one of each per open WebSocket (CONNECTIONS here); a few
      // may sit in Grizzly's per-thread caches for reuse.
      assertTrue(requestsHeld < CONNECTIONS / 10,
          requestsHeld + " more HTTP requests held with " + CONNECTIONS + " more WebSockets open");
      assertTrue(responsesHeld < CONNECTIONS / 10,
          responsesHeld + " more HTTP responses held with " + CONNECTIONS + " more WebSockets open");

      // The upgraded connections still carry frames both ways: a relay inside the last full room.
      TestClient first = clients.get(clients.size() - 4);
      TestClient second = clients.get(clients.size() - 2);
      first.emit("message", JSON.readTree("{\"type\":\"offer\",\"sdp\":\"v=0\"}"));
      JsonNode relayed;
      do {
        relayed = second.nextSkippingLogs(); // "ready" from the join may come first
      } while (!"message".equals(relayed.path("event").asText()));
      assertEquals("offer", relayed.path("args").path(0).path("type").asText(), relayed.toString());
      TestClient socketIo = clients.get(clients.size() - 1);
      socketIo.sendText("40"); // Socket.IO CONNECT to the main namespace
      assertTrue(socketIo.next().path("text").asText().startsWith("40{\"sid\":"), "Socket.IO CONNECT answered");
    } finally {
      clients.forEach(TestClient::close);
    }
  }

  @Test
  void aKeepAliveConnectionThatServedHttpCanStillUpgrade() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(10_000);
      OutputStream out = raw.getOutputStream();
      InputStream in = raw.getInputStream();
      out.write("GET /config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String config = readHeaders(in);
      assertTrue(config.startsWith("HTTP/1.1 200"), config);
      Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(config);
      assertTrue(length.find(), config);
      JsonNode iceServers = JSON.readTree(in.readNBytes(Integer.parseInt(length.group(1))));
      assertTrue(iceServers.has("iceServers"), iceServers.toString());

      out.write(("GET /signaling HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String handshake = readHeaders(in);
      assertTrue(handshake.startsWith("HTTP/1.1 101"), handshake);

      writeMaskedText(out, "{\"event\":\"create or join\",\"args\":[\"same-connection\"]}");
      JsonNode reply;
      do {
        reply = JSON.readTree(readServerText(in));
      } while ("log".equals(reply.path("event").asText()) || "welcome".equals(reply.path("event").asText()));
      assertEquals("created", reply.path("event").asText(), reply.toString());
      assertEquals("same-connection", reply.path("args").path(0).asText());
    }
  }

  private static void openNative(HttpClient http, URI uri, List<TestClient> clients, String room) throws Exception {
    TestClient client = TestClient.connect(http, uri);
    clients.add(client);
    client.emit("create or join", room);
    String event = client.nextSkippingLogs().path("event").asText();
    assertTrue(event.equals("created") || event.equals("join") || event.equals("joined"), event);
  }

  private static void openEngineIo(HttpClient http, URI uri, List<TestClient> clients) throws Exception {
    TestClient client = TestClient.connect(http, uri);
    clients.add(client);
    String open = client.next().path("text").asText();
    assertTrue(open.startsWith("0{\"sid\":"), "Engine.IO open packet: " + open);
  }

  /** Live instances of {@code className} after a full collection (HotSpot's class histogram). */
  private static long liveInstances(String className) throws Exception {
    String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Matcher row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(\\s|$)",
        Pattern.MULTILINE).matcher(histogram);
    return row.find() ? Long.parseLong(row.group(1)) : 0;
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      headers.write(b);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  private static void writeMaskedText(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("short frames only");
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    out.write(0x81);
    out.write(0x80 | payload.length);
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
  }

  /** One unfragmented text frame from the server (servers do not mask). */
  private static String readServerText(InputStream in) throws IOException {
    int opcode = in.read() & 0x0f;
    int length = in.read() & 0x7f;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    }
    byte[] payload = in.readNBytes(length);
    assertEquals(0x1, opcode, "text frame expected");
    return new String(payload, StandardCharsets.UTF_8);
  }
}
