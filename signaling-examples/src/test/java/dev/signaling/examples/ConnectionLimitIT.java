package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connection limits over real sockets from distinct loopback source addresses: one address over
 * its share is refused at the handshake (429) while other addresses still connect, and a place
 * freed by a closed connection can be taken again.
 */
class ConnectionLimitIT {
  private final List<Socket> sockets = new ArrayList<>();
  private ExampleServer server;

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void oneAddressGetsItsHundredAndIsRefusedBeyondWhileAnotherStillConnects() throws Exception {
    server = DemoServers.start("--quiet-clients", "--max-connections-per-ip", "100");
    int port = server.port();
    Map<Integer, Integer> statuses = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      // Alternate the two protocols' WebSocket endpoints: one limit covers both.
      String path = i % 2 == 0 ? "/signaling" : "/socket.io/?EIO=4&transport=websocket";
      int status = upgrade("127.0.0.2", port, path);
      statuses.merge(status, 1, Integer::sum);
    }
    assertEquals(Map.of(101, 100, 429, 50), statuses);
    assertEquals(100, server.engine().admission().connections("127.0.0.2"));

    assertEquals(101, upgrade("127.0.0.3", port, "/signaling"), "another address still connects");
    try (TestClient local = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/signaling"))) {
      local.emit("create or join", "still-open");
      assertEquals("created", local.next().get("event").asText());
    }

    // A refused handshake is answered, not left hanging; a freed place can be taken again.
    sockets.get(0).close();
    EngineWait.until(() -> server.engine().admission().connections("127.0.0.2") == 99, "the closed connection's place is given back");
    assertEquals(101, upgrade("127.0.0.2", port, "/signaling"));
    assertEquals(429, upgrade("127.0.0.2", port, "/signaling"));
  }

  @Test
  void aFullServerRefusesWith503() throws Exception {
    server = DemoServers.start("--quiet-clients", "--max-connections", "5");
    int port = server.port();
    for (int i = 0; i < 5; i++) {
      assertEquals(101, upgrade("127.0.0." + (10 + i), port, "/signaling"));
    }
    assertEquals(503, upgrade("127.0.0.20", port, "/signaling"));
  }

  @Test
  void behindATrustedProxyTheForwardedClientCounts() throws Exception {
    server = DemoServers.start("--quiet-clients", "--max-connections-per-ip", "2", "--trusted-proxy", "127.0.0.4/32");
    int port = server.port();
    // Through the proxy: two clients, each with its own share.
    assertEquals(101, upgrade("127.0.0.4", port, "/signaling", "X-Forwarded-For: 198.51.100.1"));
    assertEquals(101, upgrade("127.0.0.4", port, "/signaling", "X-Forwarded-For: 198.51.100.1"));
    assertEquals(429, upgrade("127.0.0.4", port, "/signaling", "X-Forwarded-For: 198.51.100.1"));
    assertEquals(101, upgrade("127.0.0.4", port, "/signaling", "Forwarded: for=198.51.100.2"));
    // Not a trusted proxy: its header is ignored, its own address counts.
    assertEquals(101, upgrade("127.0.0.5", port, "/signaling", "X-Forwarded-For: 198.51.100.3"));
    assertEquals(101, upgrade("127.0.0.5", port, "/signaling", "X-Forwarded-For: 198.51.100.4"));
    assertEquals(429, upgrade("127.0.0.5", port, "/signaling", "X-Forwarded-For: 198.51.100.5"));
  }

  /** Opens a WebSocket handshake from {@code source}; keeps the socket open; returns the status. */
  private int upgrade(String source, int port, String path, String... headers) throws Exception {
    Socket socket = RawHttp.open(source, port);
    sockets.add(socket);
    socket.getOutputStream().write(RawHttp.upgrade(path, headers).getBytes(StandardCharsets.ISO_8859_1));
    RawHttp.Response response = RawHttp.read(socket.getInputStream(), false);
    assertTrue(response.status() == 101 || response.header("Connection") != null,
        "a refusal says it closes: " + response.headers());
    return response.status();
  }
}
