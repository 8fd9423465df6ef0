package dev.signaling.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.HttpLimits;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.transport.WebSocketOptions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only the Netty server has: its HTTP route hook, raw WebSocket endpoints, refusals at the
 * upgrade, and the slow-reader limit as channel writability. The protocols themselves run the
 * shared suites (the socketio module's, and the example server's with {@code --transport netty}).
 */
class NettySignalingServerIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  // No rate limit: the slow-reader test floods as fast as it can until the reader falls behind.
  private final SignalingEngine engine = SignalingEngine.builder()
      .config(dev.signaling.core.SignalingConfig.builder().rateLimit(dev.signaling.core.limits.RateLimit.UNLIMITED).build())
      .build();
  private NettySignalingServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    engine.close();
  }

  private java.net.http.HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesAnswerExactPathsAndPrefixesInOrderAndOthersGet404() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .route("/hello", request -> HttpResponse.text(200, "hello " + request.method()))
        .route("/admin/*", request -> request.path().equals("/admin/pass") ? null
            : HttpResponse.text(200, "admin " + request.path() + " " + request.rawQuery()))
        .route("/*", request -> request.path().equals("/admin/pass") ? HttpResponse.text(200, "fell through") : null)
        .route("/echo-body", request -> HttpResponse.text(200, new String(request.body(), StandardCharsets.UTF_8)))
        .build().start();
    assertEquals("hello GET", send("GET", "/hello", null).body());
    assertEquals("admin /admin/stats x=1", send("GET", "/admin/stats?x=1", null).body());
    assertEquals("fell through", send("GET", "/admin/pass", null).body(), "a route returning null passes the request on");
    assertEquals(404, send("GET", "/nothing/here", null).statusCode());
    assertEquals("a body", send("POST", "/echo-body", "a body").body());
    java.net.http.HttpResponse<String> head = send("HEAD", "/hello", null);
    assertEquals(200, head.statusCode());
    assertEquals("", head.body(), "HEAD gets no body");
  }

  @Test
  void aRouteBodyOverTheLimitIsRefusedWith413AndAFailingRouteWith500() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .httpLimits(HttpLimits.builder().maxRequestBodyBytes(16).build())
        .route("/any", request -> HttpResponse.text(200, "ok"))
        .route("/broken", request -> {
          throw new IllegalStateException("route bug");
        })
        .build().start();
    assertEquals(413, send("POST", "/any", "x".repeat(17)).statusCode());
    assertEquals(200, send("POST", "/any", "x".repeat(16)).statusCode());
    assertEquals(500, send("GET", "/broken", null).statusCode());
    assertEquals(200, send("GET", "/any", null).statusCode(), "the server goes on");
  }

  @Test
  void aPlainGetOnTheWebSocketPathIsAskedToUpgrade() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine).build().start();
    assertEquals(426, send("GET", "/signaling", null).statusCode());
  }

  @Test
  void anUpgradeFromADisallowedOriginIsRefusedWith403() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .webSocketOptions(WebSocketOptions.builder().originPolicy(WebSocketOptions.allowOrigins(Set.of("https://good.example"))).build())
        .build().start();
    assertTrue(handshake("/signaling", "https://evil.example").startsWith("HTTP/1.1 403"));
    assertTrue(handshake("/signaling", "https://good.example").startsWith("HTTP/1.1 101"));
  }

  @Test
  void aRawWebSocketEndpointGetsItsFrames() throws Exception {
    server = NettySignalingServer.builder().port(0)
        .webSocket("/shout", () -> new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof TextWebSocketFrame text) {
              ctx.writeAndFlush(new TextWebSocketFrame(text.text().toUpperCase(java.util.Locale.ROOT)));
            }
            ReferenceCountUtil.release(message);
          }
        })
        .build().start();
    Collector collector = new Collector();
    WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(wsUrl("/shout")), collector).get(10, TimeUnit.SECONDS);
    ws.sendText("hey", true);
    assertEquals("HEY", collector.texts.poll(10, TimeUnit.SECONDS));
    ws.abort();
  }

  @Test
  void aReaderThatFallsTooFarBehindIsCutOffAndItsRoomPartnerToldBye() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .webSocketOptions(WebSocketOptions.builder().maxTextMessageBytes(4096).maxQueuedBytes(64 * 1024).build())
        .build().start();
    // The stalled client reads its "created" answer, then nothing more.
    try (Socket stalled = slowReaderIn("slow")) {
      Collector flooder = new Collector();
      WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(wsUrl("/signaling")), flooder).get(10, TimeUnit.SECONDS);
      ws.sendText("{\"event\":\"create or join\",\"args\":[\"slow\"]}", true).get(10, TimeUnit.SECONDS);
      String payload = "\"" + "x".repeat(1000) + "\"";
      String bye = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int sent = 0; sent < 100_000 && bye == null && System.nanoTime() < deadline; sent++) {
        ws.sendText("{\"event\":\"message\",\"args\":[" + payload + "]}", true).get(10, TimeUnit.SECONDS);
        for (String text = flooder.texts.poll(); text != null; text = flooder.texts.poll()) {
          if (text.startsWith("{\"event\":\"bye\"")) {
            bye = text;
          }
        }
      }
      if (bye == null) {
        bye = flooder.awaitText("{\"event\":\"bye\"", Duration.ofSeconds(10));
      }
      assertNotNull(bye, "the partner of a stalled reader is told it left");
      ws.sendText("{\"event\":\"create or join\",\"args\":[\"after\"]}", true);
      assertNotNull(flooder.awaitText("{\"event\":\"created\"", Duration.ofSeconds(10)), "the flooder is unharmed");
      ws.abort();
    }
  }

  @Test
  void aLaggingReadersBytesShowInTheSendQueueGaugeAndLeaveItWhenItCatchesUp() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .webSocketOptions(WebSocketOptions.builder().maxTextMessageBytes(4096).maxQueuedBytes(64L * 1024 * 1024).build())
        .build().start();
    try (Socket lagging = slowReaderIn("lag")) {
      InputStream in = lagging.getInputStream();
      Collector sender = new Collector();
      WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(wsUrl("/signaling")), sender).get(10, TimeUnit.SECONDS);
      ws.sendText("{\"event\":\"create or join\",\"args\":[\"lag\"]}", true).get(10, TimeUnit.SECONDS);
      String message = "{\"event\":\"message\",\"args\":[\"" + "x".repeat(1000) + "\"]}";
      // Past what the kernel buffers for the unread socket: the rest waits in Netty's outbound buffer.
      long queued = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int sent = 0; sent < 40_000 && queued < 256 * 1024 && System.nanoTime() < deadline; sent++) {
        ws.sendText(message, true).get(10, TimeUnit.SECONDS);
        queued = engine.connections().queuedBytes();
      }
      assertTrue(queued >= 256 * 1024, "the gauge shows the bytes waiting for the lagging reader: " + queued);

      // The reader catches up: it reads everything, and the gauge falls back to zero.
      Thread reader = new Thread(() -> {
        byte[] buffer = new byte[64 * 1024];
        try {
          while (in.read(buffer) >= 0) {
            // discard
          }
        } catch (java.io.IOException closed) {
          // the test ends
        }
      });
      reader.setDaemon(true);
      reader.start();
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (engine.connections().queuedBytes() != 0 && System.nanoTime() < waitUntil) {
        Thread.sleep(20);
      }
      assertEquals(0, engine.connections().queuedBytes(), "nothing waits once the reader caught up");
      assertEquals(2, server.nativeConnectionCount(), "both still connected");
      ws.abort();
    }
  }

  @Test
  void aBlockingRouteStallsNoEventLoopAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    // One event loop: a route running on it would hold every connection until released.
    server = NettySignalingServer.builder().port(0).engine(engine).ioThreads(1)
        .route("/slow", request -> {
          started.countDown();
          try {
            released.await(10, TimeUnit.SECONDS); // a route may block: it runs on a route thread
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return HttpResponse.text(200, "slow");
        })
        .route("/fast", request -> HttpResponse.text(200, "fast"))
        .build().start();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      // While the slow route blocks, the one event loop serves others.
      assertEquals("fast", send("GET", "/fast", null).body());
      released.countDown();
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      int slow = all.indexOf("\r\n\r\nslow");
      int fast = all.indexOf("\r\n\r\nfast");
      assertTrue(slow > 0 && fast > slow, "answers in request order: " + all);
      assertEquals(3, all.split("HTTP/1.1 200", -1).length - 1, all);
    }
  }

  @Test
  void aRequestHeadTrickledByteByByteIsCutAtTheDeadlineThoughBytesKeepComing() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .httpLimits(HttpLimits.builder().headerTimeout(Duration.ofSeconds(1)).build())
        .build().start();
    long opened = System.nanoTime(); // before the connection: the deadline starts after this
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      slow.setSoTimeout(200);
      OutputStream out = slow.getOutputStream();
      out.write("GET /signaling HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      boolean closed = false;
      for (int i = 0; i < 50 && !closed; i++) { // a header line every 100 ms, for 5 s at most
        try {
          out.write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
          closed = slow.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
          Thread.sleep(100);
        } catch (java.io.IOException reset) {
          closed = true;
        }
      }
      double seconds = (System.nanoTime() - opened) / 1e9;
      assertTrue(closed, "dropped although a byte arrived every 100 ms");
      assertTrue(seconds >= 1.0 && seconds < 5, "at the 1 s deadline, not before: " + seconds);
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAHeaderTimeoutAfterItsLastAnswer() throws Exception {
    server = NettySignalingServer.builder().port(0).engine(engine)
        .httpLimits(HttpLimits.builder().headerTimeout(Duration.ofSeconds(1)).build())
        .route("/hello", request -> HttpResponse.text(200, "hello"))
        .build().start();
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(10_000);
      long asked = System.nanoTime(); // the answer, and with it the deadline, comes after this
      client.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = client.getInputStream();
      assertTrue(readHeaders(in).startsWith("HTTP/1.1 200"));
      assertEquals("hello", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
      assertEquals(-1, in.read(), "closed, not answered");
      double seconds = (System.nanoTime() - asked) / 1e9;
      assertTrue(seconds >= 1.0 && seconds < 6, "a header timeout after the answer: " + seconds);
    }
  }

  /**
   * A raw native client with a small receive buffer that has created {@code room} and read the
   * first byte of its answer; it reads nothing more unless the test does.
   */
  private Socket slowReaderIn(String room) throws java.io.IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    out.write(upgradeRequest("/signaling", null));
    assertTrue(readHeaders(in).startsWith("HTTP/1.1 101"));
    out.write(maskedText("{\"event\":\"create or join\",\"args\":[\"" + room + "\"]}"));
    out.flush();
    assertEquals(0x81, in.read());
    return socket;
  }

  private String wsUrl(String path) {
    return "ws://127.0.0.1:" + server.port() + path;
  }

  private String handshake(String path, String origin) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(upgradeRequest(path, origin));
      return readHeaders(socket.getInputStream());
    }
  }

  private static byte[] upgradeRequest(String path, String origin) {
    return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** One masked text frame (payload under 126 bytes), as a client must send it. */
  private static byte[] maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    byte[] mask = {1, 2, 3, 4};
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  private static String readHeaders(InputStream in) throws java.io.IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      headers.append((char) b);
    }
    return headers.toString();
  }

  /** Collects whole text messages. */
  private static final class Collector implements WebSocket.Listener {
    final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder part = new StringBuilder();

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

    String awaitText(String prefix, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String text = texts.poll(100, TimeUnit.MILLISECONDS);
        if (text != null && text.startsWith(prefix)) {
          return text;
        }
      }
      return null;
    }
  }
}
