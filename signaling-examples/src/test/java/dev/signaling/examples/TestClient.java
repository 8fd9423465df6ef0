package dev.signaling.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A native-protocol client over the JDK's WebSocket, as a user's Java client would connect: tests
 * send frames and read what the server sent, in order, with a bounded wait.
 *
 * <p>By default it reads frames as a codelab-style client that knows nothing of resume does: the
 * {@code welcome} frame is skipped and each event's {@code "seq"} field is left out (such clients
 * ignore both, docs/PROTOCOL.md). {@link #connectRaw} keeps every frame as sent.
 */
public final class TestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private volatile Throwable error;
  private final AtomicInteger pings = new AtomicInteger();
  private final WebSocket socket;
  private final boolean raw;

  private TestClient(HttpClient http, URI uri, String origin) {
    this(http, uri, origin == null ? Map.of() : Map.of("Origin", origin), false);
  }

  private TestClient(HttpClient http, URI uri, Map<String, String> headers) {
    this(http, uri, headers, false);
  }

  private TestClient(HttpClient http, URI uri, Map<String, String> headers, boolean raw) {
    this.raw = raw;
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
    headers.forEach(builder::header);
    this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  public static TestClient connect(URI uri) {
    return new TestClient(HttpClient.newHttpClient(), uri, (String) null);
  }

  /** A client that sees every frame as sent, {@code welcome} and {@code "seq"} included. */
  public static TestClient connectRaw(URI uri) {
    return new TestClient(HttpClient.newHttpClient(), uri, Map.of(), true);
  }

  public static TestClient connect(URI uri, String origin) {
    return new TestClient(HttpClient.newHttpClient(), uri, origin);
  }

  /** Connects with these request headers (e.g. {@code Authorization}). */
  public static TestClient connect(URI uri, Map<String, String> headers) {
    return new TestClient(HttpClient.newHttpClient(), uri, headers);
  }

  /** Connects through {@code http}: many clients can share one client's selector thread. */
  public static TestClient connect(HttpClient http, URI uri) {
    return new TestClient(http, uri, (String) null);
  }

  /** Sends {@code {"event": event, "args": [args...]}}; strings and JsonNodes are taken as they are. */
  public TestClient emit(String event, Object... args) {
    ObjectNode frame = JSON.createObjectNode().put("event", event);
    ArrayNode array = frame.putArray("args");
    for (Object arg : args) {
      array.add(arg instanceof JsonNode node ? node : JSON.valueToTree(arg));
    }
    return sendText(frame.toString());
  }

  public TestClient sendText(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    return this;
  }

  public TestClient sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
    return this;
  }

  /** The next frame from the server; fails after 10 s without one. */
  public JsonNode next() throws InterruptedException {
    JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      throw new AssertionError("no frame from the server within " + WAIT);
    }
    return frame;
  }

  /**
   * {@code first} creates {@code room} and {@code second} joins it; each has read its codelab
   * events up to {@code ready}.
   */
  public static void pair(TestClient first, TestClient second, String room) throws InterruptedException {
    first.emit("create or join", room);
    first.expect("created");
    second.emit("create or join", room);
    second.expect("joined");
    second.expect("ready");
    first.expect("join");
    first.expect("ready");
  }

  /** The next frame, which must be the event {@code event}; returns its args. */
  public JsonNode expect(String event) throws InterruptedException {
    JsonNode frame = next();
    if (!event.equals(frame.path("event").asText())) {
      throw new AssertionError("expected event '" + event + "' but got " + frame);
    }
    return frame.get("args");
  }

  /** The next frame that is not a {@code log} line. */
  public JsonNode nextSkippingLogs() throws InterruptedException {
    JsonNode frame;
    do {
      frame = next();
    } while ("log".equals(frame.path("event").asText()));
    return frame;
  }

  /** Frames that arrive within {@code wait}; for asserting that nothing (more) arrives. */
  public List<JsonNode> drain(Duration wait) throws InterruptedException {
    List<JsonNode> got = new ArrayList<>();
    JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    while (frame != null) {
      got.add(frame);
      frame = frames.poll(50, TimeUnit.MILLISECONDS);
    }
    return got;
  }

  /** The close code the server sent; fails after 10 s without a close. */
  public int awaitClose() {
    return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Why the connection ended without a close frame (the 1006 of {@link #awaitClose}), or null. */
  public Throwable error() {
    return error;
  }

  /** Pings received from the server so far (the JDK client answers each with a pong itself). */
  public int pingsReceived() {
    return pings.get();
  }

  public boolean isClosed() {
    return closeCode.isDone();
  }

  /** Drops the connection without a close frame, like a network that went away. */
  public void drop() {
    socket.abort();
  }

  /** Closes from the client side, like a tab being closed. */
  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode frame = JSON.readTree(partial.toString());
          if (!raw && frame instanceof ObjectNode object) {
            object.remove("seq");
          }
          if (raw || !"welcome".equals(frame.path("event").asText())) {
            frames.add(frame);
          }
        } catch (Exception e) {
          frames.add(JSON.createObjectNode().put("event", "unparseable").put("text", partial.toString()));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      return WebSocket.Listener.super.onPing(webSocket, message);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      TestClient.this.error = error;
      closeCode.complete(1006);
    }
  }
}
