package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client the server closes for what it sends (a flood over the rate limit) gets the server's
 * close frame with its code even though it is still sending when the server closes, on the
 * native protocol and on Socket.IO's WebSocket. A server that closed its socket while the
 * flooder's frames were still unread in its receive buffer made the kernel answer with a reset
 * instead of an orderly end; the reset overtook the close frame and the client saw 1006 (seen in
 * CI as RateLimitIT's flooder getting 1006 instead of 1008). Here the flooder keeps sending for
 * {@link #KEEPS_SENDING} after it has read the close frame, as a client whose writes are still in
 * flight does, then answers the close: none of its writes may fail, and the server must end the
 * connection in order (FIN) after the answer.
 *
 * <p>Netty only (the transport's {@code ServerClose}). On Grizzly the race remains: Tyrus closes
 * the TCP connection right after queuing its close frame ({@code ProtocolHandler.close}, then
 * {@code Connection.closeSilently()}, which goes around the filter chain), and neither Tyrus nor
 * Grizzly offers a hook to wait for the client's answer; there these tests are skipped, with
 * that reason.
 */
class KickedFlooderIT {
  /** How long the flooder keeps sending after it has read the server's close frame. */
  private static final Duration KEEPS_SENDING = Duration.ofMillis(300);
  /** Bounds of the flood: frames and time. */
  private static final int MAX_FRAMES = 50_000;
  private static final Duration MAX_FLOOD = Duration.ofSeconds(20);

  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private ExampleServer server;

  @BeforeEach
  void nettyOnly() {
    assumeTrue(DemoServers.transport().equals("netty"),
        "Tyrus on Grizzly closes the connection as soon as its close frame is queued: the race remains there");
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aNativeFlooderGetsItsCloseFrame1008WhileStillSending() throws Exception {
    server = DemoServers.start("--quiet-clients");
    try (RawWebSocket flooder = RawWebSocket.connect(server.port(), "/signaling")) {
      flooder.sendText("{\"event\":\"create or join\",\"args\":[\"kicked-native\"]}");
      flooder.nextEvent("created");
      Flood flood = flood(flooder, "{\"event\":\"message\",\"args\":[\"spam\"]}");
      int code = flooder.awaitClose();
      flood.closeRead.complete(System.nanoTime());
      assertNull(flood.failure.get(30, TimeUnit.SECONDS), "the flooder's writes after the close frame");
      assertEquals(1008, code, "a connection that keeps exceeding the rate limit is closed 1008");
      flooder.sendClose(code);
      assertTrue(flooder.endsInOrder(), "after the client's answer the server ends the connection with a FIN, no reset");
    }
  }

  @Test
  void aSocketIoFlooderGetsItsDisconnectAndCloseFrameWhileStillSending() throws Exception {
    server = DemoServers.start("--quiet-clients");
    try (RawWebSocket flooder = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket")) {
      assertTrue(flooder.next().text().startsWith("0{"), "Engine.IO open");
      flooder.sendText("40");
      assertTrue(flooder.next().text().startsWith("40"), "namespace connected");
      flooder.sendText("42[\"create or join\",\"kicked-sio\"]");
      assertTrue(nextSocketIoText(flooder).startsWith("42[\"created\""));
      Flood flood = flood(flooder, "42[\"message\",\"spam\"]");
      boolean disconnected = false;
      int code;
      while (true) {
        RawWebSocket.Frame frame = flooder.next();
        if (frame.opcode() == 0x8) {
          code = frame.closeCode();
          break;
        }
        disconnected |= frame.opcode() == 0x1 && frame.text().equals("41");
      }
      flood.closeRead.complete(System.nanoTime());
      assertNull(flood.failure.get(30, TimeUnit.SECONDS), "the flooder's writes after the close frame");
      assertTrue(disconnected, "the namespace's DISCONNECT (41) came before the close frame");
      assertTrue(code >= 1000, "the close frame carries a code: " + code);
      flooder.sendClose(code);
      assertTrue(flooder.endsInOrder(), "after the client's answer the server ends the connection with a FIN, no reset");
    }
  }

  /** The next text frame that is not an Engine.IO ping (answered, as a client does). */
  private static String nextSocketIoText(RawWebSocket ws) throws IOException {
    while (true) {
      String text = ws.next().text();
      if (!text.equals("2")) {
        return text;
      }
      ws.sendText("3");
    }
  }

  /** A flood in progress: complete {@code closeRead} when the close frame is read; {@code failure} is its first failed write or null. */
  private record Flood(CompletableFuture<Long> closeRead, Future<IOException> failure) {}

  /**
   * Sends {@code frame} as fast as the socket takes it, from another thread, until {@link
   * #KEEPS_SENDING} after the close frame was read (or the bounds end it).
   */
  private Flood flood(RawWebSocket ws, String frame) {
    CompletableFuture<Long> closeRead = new CompletableFuture<>();
    Future<IOException> failure = pool.submit(() -> {
      long deadline = System.nanoTime() + MAX_FLOOD.toNanos();
      for (int sent = 0; sent < MAX_FRAMES && System.nanoTime() < deadline; sent++) {
        Long readAt = closeRead.getNow(null);
        if (readAt != null && System.nanoTime() - readAt > KEEPS_SENDING.toNanos()) {
          break;
        }
        try {
          ws.sendText(frame);
        } catch (IOException e) {
          return e;
        }
      }
      // Out of frames before the close (the rate limit did not close it): wait for the reader.
      long readAt = closeRead.get(MAX_FLOOD.toSeconds(), TimeUnit.SECONDS);
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(readAt + KEEPS_SENDING.toNanos() - System.nanoTime())));
      return null;
    });
    return new Flood(closeRead, failure);
  }
}
