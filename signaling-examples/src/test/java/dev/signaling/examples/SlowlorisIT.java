package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Half-sent requests (slowloris) neither block a fresh client nor stay open past the header
 * deadline.
 */
class SlowlorisIT {
  private static final int HALF_OPEN = 500;
  private final List<Socket> slow = new ArrayList<>();
  private ExampleServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : slow) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void halfSentUpgradesDoNotStopAFreshPairAndAreDroppedWithinTheDeadline() throws Exception {
    server = DemoServers.start("--quiet-clients", "--header-timeout", "2", "--max-connections-per-ip", "1000");
    int port = server.port();
    long opened = System.nanoTime();
    for (int i = 0; i < HALF_OPEN; i++) {
      Socket socket = RawHttp.open("127.0.0.6", port);
      slow.add(socket);
      // Everything but the blank line that ends the headers.
      String upgrade = RawHttp.upgrade("/signaling");
      socket.getOutputStream().write(upgrade.substring(0, upgrade.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
    }

    URI signaling = URI.create("ws://127.0.0.1:" + port + "/signaling");
    try (TestClient alice = TestClient.connect(signaling); TestClient bob = TestClient.connect(signaling)) {
      alice.emit("create or join", "fresh");
      alice.expect("created");
      bob.emit("create or join", "fresh");
      bob.expect("joined");
      bob.expect("ready");
      alice.emit("message", "hello");
      assertEquals("hello", bob.expect("message").get(0).asText(), "a fresh pair pairs and relays");

      int dropped = 0;
      for (Socket socket : slow) {
        socket.setSoTimeout(8_000);
        try {
          if (socket.getInputStream().read() < 0) {
            dropped++;
          }
        } catch (SocketTimeoutException stillOpen) {
          break;
        } catch (IOException reset) {
          dropped++;
        }
      }
      double seconds = (System.nanoTime() - opened) / 1e9;
      System.out.printf("SlowlorisIT: %d of %d half-open connections dropped, the last after %.1f s (deadline 2 s)%n",
          dropped, HALF_OPEN, seconds);
      assertEquals(HALF_OPEN, dropped, "every half-open connection is dropped");
      assertTrue(seconds < 12, "dropped within the deadline and the sweep (" + seconds + " s)");

      alice.emit("message", "still here");
      assertEquals("still here", bob.expect("message").get(0).asText(), "the pair is unharmed (it sent its headers)");
    }
  }
}
