package dev.signaling.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.signaling.examples.ExampleServer;
import dev.signaling.examples.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bench server's bare relay on Netty ({@code /relay}, {@code --transport netty}) between real
 * WebSocket clients over loopback: two connections that send the same first frame become partners
 * and get the answers the load generator waits for; from then on each frame reaches the partner
 * as it was sent, and only the partner.
 */
class NettyRelayIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String JOIN_A = "{\"event\":\"create or join\",\"args\":[\"relay-a\"]}";
  private static final String JOIN_B = "{\"event\":\"create or join\",\"args\":[\"relay-b\"]}";
  private static ExampleServer server;

  @BeforeAll
  static void start() throws Exception {
    server = BenchServer.start("127.0.0.1", 0, Transport.NETTY);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A WebSocket client that collects whole text messages. */
  private static final class Client implements WebSocket.Listener, AutoCloseable {
    final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder part = new StringBuilder();
    final WebSocket socket;

    Client() throws Exception {
      socket = HTTP.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/relay"), this)
          .get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        texts.add(part.toString());
        part.setLength(0);
      }
      webSocket.request(1);
      return CompletableFuture.completedFuture(null);
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    String next() throws InterruptedException {
      String text = texts.poll(10, TimeUnit.SECONDS);
      if (text == null) {
        throw new AssertionError("nothing relayed within 10 s");
      }
      return text;
    }

    @Override
    public void close() {
      socket.abort();
    }
  }

  @Test
  void twoClientsWithTheSameFirstFrameArePairedAndEachFrameReachesOnlyThePartnerAsSent() throws Exception {
    try (Client alice = new Client(); Client bob = new Client(); Client carol = new Client(); Client dave = new Client()) {
      alice.send(JOIN_A);
      assertEquals("{\"event\":\"created\",\"args\":[\"relay\",\"a\"]}", alice.next());
      carol.send(JOIN_B);
      assertEquals("{\"event\":\"created\",\"args\":[\"relay\",\"a\"]}", carol.next());
      bob.send(JOIN_A);
      assertEquals("{\"event\":\"joined\",\"args\":[\"relay\",\"b\"]}", bob.next());
      assertEquals("{\"event\":\"ready\",\"args\":[]}", bob.next());
      assertEquals("{\"event\":\"ready\",\"args\":[]}", alice.next());
      dave.send(JOIN_B);
      assertEquals("{\"event\":\"joined\",\"args\":[\"relay\",\"b\"]}", dave.next());
      assertEquals("{\"event\":\"ready\",\"args\":[]}", dave.next());
      assertEquals("{\"event\":\"ready\",\"args\":[]}", carol.next());

      String offer = "{\"event\":\"message\",\"args\":[{\"s\":1,\"p\":\"é😀 " + "x".repeat(1000) + "\"}]}";
      alice.send(offer);
      assertEquals(offer, bob.next(), "alice's frame reaches bob as sent");
      for (int i = 0; i < 100; i++) {
        bob.send("answer " + i);
        dave.send("other pair " + i);
      }
      for (int i = 0; i < 100; i++) {
        assertEquals("answer " + i, alice.next(), "bob's frames reach alice in order");
        assertEquals("other pair " + i, carol.next(), "dave's frames reach carol in order");
      }
      assertNull(alice.texts.poll(200, TimeUnit.MILLISECONDS), "alice got nothing of the other pair");
      assertNull(bob.texts.poll(0, TimeUnit.MILLISECONDS), "a frame does not come back to its sender");
    }
  }
}
