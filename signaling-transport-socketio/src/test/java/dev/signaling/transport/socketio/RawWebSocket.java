package dev.signaling.transport.socketio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare WebSocket client speaking Engine.IO frames by hand (the JDK's client), for tests of the
 * wire protocol itself: what the server sent, in order, with bounded waits.
 */
final class RawWebSocket implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(5);

  /** A received frame: text, or binary bytes. */
  record Frame(String text, byte[] binary) {}

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;
  private volatile boolean ignoreResume;

  private RawWebSocket(WebSocket.Builder builder, URI uri) {
    this.socket = builder.buildAsync(uri, new Listener()).orTimeout(5, TimeUnit.SECONDS).join();
  }

  static RawWebSocket open(String url) {
    return new RawWebSocket(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT), URI.create(url));
  }

  /** Opens with an {@code Origin} header; fails with the server's refusal as the cause. */
  static RawWebSocket open(String url, String origin) {
    return new RawWebSocket(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
        .header("Origin", origin), URI.create(url));
  }

  /** Whether the upgrade with {@code origin} is refused (no WebSocket is opened). */
  static boolean upgradeRefused(String url, String origin) {
    try {
      open(url, origin).abort();
      return false;
    } catch (CompletionException e) {
      return true;
    }
  }

  RawWebSocket send(String text) {
    socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    return this;
  }

  RawWebSocket sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(5, TimeUnit.SECONDS).join();
    return this;
  }

  /**
   * The next frame, skipping nothing; once {@link #ignoreResume} was called, read as a client
   * that knows nothing of resume reads it.
   */
  Frame next() throws InterruptedException {
    while (true) {
      Frame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + WAIT + (closed.isDone() ? " (closed " + closed.join() + ")" : ""));
      }
      if (!ignoreResume || frame.text() == null) {
        return frame;
      }
      if (!frame.text().startsWith("{\"event\":\"welcome\"")) {
        return new Frame(withoutResumeFields(frame.text()), null);
      }
    }
  }

  /** The next text frame that is not a ping, answering pings on the way. */
  String nextText() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Frame frame = next();
      if ("2".equals(frame.text())) {
        send("3");
        continue;
      }
      if (frame.text() == null) {
        throw new AssertionError("expected text, got " + frame.binary().length + " binary bytes");
      }
      return frame.text();
    }
    throw new AssertionError("only pings");
  }

  /**
   * From now on frames are read as a client that knows nothing of resume reads them, as the
   * codelab's clients do: the native protocol's {@code welcome} is skipped and each event's
   * {@code "seq"} left out; a Socket.IO event's offset (its last argument, a string of digits,
   * sent where the server recovers connections) is left out.
   */
  RawWebSocket ignoreResume() {
    ignoreResume = true;
    return this;
  }

  static String withoutResumeFields(String text) {
    Matcher offset = OFFSET.matcher(text);
    if (offset.matches()) {
      return offset.group(1) + "]";
    }
    Matcher seq = SEQ.matcher(text);
    return seq.matches() ? seq.group(1) + "}" : text;
  }

  /** An EVENT of the main namespace ending in {@code ,"<digits>"]}. */
  private static final Pattern OFFSET = Pattern.compile("^(42\\[.*),\"[0-9]+\"\\]$", Pattern.DOTALL);
  /** A native frame ending in {@code ,"seq":<n>}} (the codec writes it last, before an optional ack). */
  private static final Pattern SEQ = Pattern.compile("^(\\{.*),\"seq\":[0-9]+(?:,\"ack\":[0-9]+)?\\}$", Pattern.DOTALL);

  /** The close code the server closed with, waiting at most {@code wait}. */
  int awaitClose(Duration wait) {
    return closed.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  boolean isClosed() {
    return closed.isDone();
  }

  void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        frames.add(new Frame(text.toString(), null));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.writeBytes(chunk);
      if (last) {
        frames.add(new Frame(null, binary.toByteArray()));
        binary = new java.io.ByteArrayOutputStream();
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
