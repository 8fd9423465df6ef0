package dev.signaling.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.client.internal.Events;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client of the native signaling protocol (docs/PROTOCOL.md) over the JDK's {@link
 * WebSocket}: join rooms, relay messages, send application events with acknowledgements, and
 * survive dropped connections. After a drop it reconnects with backoff ({@link ReconnectPolicy})
 * and resumes its session: every event in each direction is processed exactly once, in order,
 * and the room never sees it leave.
 *
 * <pre>{@code
 * SignalingClient client = SignalingClient.builder(URI.create("ws://localhost:8080/signaling"))
 *     .listener(event -> {
 *       if (event instanceof SignalingEvent.Message m) {
 *         System.out.println(m.fromPeerId() + " says " + m.payload());
 *       }
 *     })
 *     .connect();
 * client.createOrJoin("myroom");
 * client.message(Map.of("type", "offer", "sdp", sdp));
 * client.close();
 * }</pre>
 *
 * <p>Lifecycle: connecting → open ⇄ reconnecting → closed. Sends are accepted in every state but
 * closed: while reconnecting they wait and go out, in order, once the session is resumed.
 *
 * <p>Thread-safe: any thread may call any method. Methods never block on the network ({@link
 * #connect()} waits for the first connection). Events reach the {@link SignalingListener} on one
 * thread, one at a time, in order.
 *
 * <p>Resume bookkeeping: each event this client sends is numbered ({@code "seq"}) and kept until
 * the server confirms it processed it (the {@code "ack"} on the server's events, or its {@code
 * resumed} answer); at most {@code maxUnconfirmed} are kept, the oldest dropped beyond that. Each frame also tells the server the
 * last event number received ({@code "ack"}), so the server keeps little for a replay.
 */
public final class SignalingClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SignalingClient.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_IN_USE_RETRIES = 20;

  private enum State { CONNECTING, OPEN, RECONNECTING, CLOSED }

  private final URI uri;
  private final HttpClient http;
  private final ReconnectPolicy reconnect;
  private final SignalingListener listener;
  private final Duration connectTimeout;
  private final int maxUnconfirmed;
  private final ScheduledExecutorService timers;
  private final ExecutorService dispatcher;
  private final CompletableFuture<SignalingClient> firstConnection = new CompletableFuture<>();

  private final Object lock = new Object();
  // Everything below is guarded by lock.
  private State state = State.CONNECTING;
  private Connection connection;
  private String resumeToken;
  private String peerId;
  /** The last server event seq processed; events at or below it are repeats and dropped. */
  private long lastServerSeq;
  private long clientSeq;
  private long nextAckId = 1;
  private final Map<Long, CompletableFuture<List<JsonNode>>> pendingAcks = new HashMap<>();
  /** Numbered events not yet confirmed by the server, oldest first. */
  private final ArrayDeque<ObjectNode> unconfirmed = new ArrayDeque<>();
  /** The open connection asked to resume and awaits {@code resumed} or {@code welcome}: hold sends. */
  private boolean awaitingResume;
  /** The current connection has not shown whether the server resumes (no frame yet). */
  private boolean awaitingFirstFrame;
  private int failedAttempts;
  /** Resumes refused as in use in a row (the server had not yet seen the old connection end). */
  private int inUseRetries;
  private long droppedUnconfirmed;

  private SignalingClient(Builder builder) {
    this.uri = builder.uri;
    this.http = builder.http != null ? builder.http : HttpClient.newHttpClient();
    this.reconnect = builder.reconnect;
    this.listener = builder.listener;
    this.connectTimeout = builder.connectTimeout;
    this.maxUnconfirmed = builder.maxUnconfirmed;
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("signaling-client-timer"));
    this.dispatcher = Executors.newSingleThreadExecutor(daemon("signaling-client-events"));
  }

  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  // ---- sending

  /** Joins {@code room}, creating it if needed: answered by created, joined or full. */
  public void createOrJoin(String room) {
    send("create or join", room);
  }

  /** Relays {@code payload} (any value Jackson can write: a map, a record, a JsonNode) to the room. */
  public void message(Object payload) {
    send("message", payload);
  }

  /** Relays {@code payload} to one member of the room. */
  public void message(Object payload, String targetPeerId) {
    send("message", payload, Objects.requireNonNull(targetPeerId, "targetPeerId"));
  }

  /** Leaves {@code room}; the connection stays open. */
  public void bye(String room) {
    send("bye", room);
  }

  /** Sends the event {@code name} with {@code args} (any values Jackson can write). */
  public void send(String name, Object... args) {
    enqueue(frame(name, args), null);
  }

  /**
   * Sends an application event asking for an acknowledgement: completes with the arguments the
   * server's handler answered, exceptionally when the client closes or its session is replaced
   * first. Add a timeout with {@link CompletableFuture#orTimeout}.
   */
  public CompletableFuture<List<JsonNode>> sendWithAck(String name, Object... args) {
    CompletableFuture<List<JsonNode>> answer = new CompletableFuture<>();
    enqueue(frame(name, args), answer);
    return answer;
  }

  private static ObjectNode frame(String name, Object... args) {
    ObjectNode frame = JSON.createObjectNode().put("event", Objects.requireNonNull(name, "name"));
    ArrayNode array = frame.putArray("args");
    for (Object arg : args) {
      array.add(arg instanceof JsonNode node ? node : JSON.valueToTree(arg));
    }
    return frame;
  }

  private void enqueue(ObjectNode frame, CompletableFuture<List<JsonNode>> answer) {
    synchronized (lock) {
      if (state == State.CLOSED) {
        throw new IllegalStateException("client is closed");
      }
      if (answer != null) {
        long id = nextAckId++;
        frame.put("id", id);
        pendingAcks.put(id, answer);
      }
      frame.put("seq", ++clientSeq);
      unconfirmed.addLast(frame);
      if (unconfirmed.size() > maxUnconfirmed) {
        unconfirmed.removeFirst();
        droppedUnconfirmed++;
      }
      if (state == State.OPEN && !awaitingResume) {
        connection.send(frame);
      }
    }
  }

  // ---- state

  /** This client's peer id in its current session; null before the server's {@code welcome}. */
  public String peerId() {
    synchronized (lock) {
      return peerId;
    }
  }

  /** Whether a connection is open and the session is live on it. */
  public boolean isOpen() {
    synchronized (lock) {
      return state == State.OPEN && !awaitingResume;
    }
  }

  /** Sent events dropped unconfirmed because more than {@code maxUnconfirmed} waited. */
  public long droppedUnconfirmed() {
    synchronized (lock) {
      return droppedUnconfirmed;
    }
  }

  // ---- connecting

  /** Connects and waits up to the connect timeout for the first connection; returns this client. */
  public SignalingClient connect() {
    return connectAsync().orTimeout(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).join();
  }

  /** Connects; the returned stage completes once the first connection is open. */
  public CompletableFuture<SignalingClient> connectAsync() {
    synchronized (lock) {
      if (connection == null && state == State.CONNECTING) {
        open();
      }
    }
    return firstConnection;
  }

  /** With lock held: opens a connection, resuming when there is a session to resume. */
  private void open() {
    URI target = uri;
    awaitingResume = resumeToken != null;
    if (awaitingResume) {
      String query = "resume=" + URLEncoder.encode(resumeToken, StandardCharsets.UTF_8) + "&seq=" + lastServerSeq;
      target = URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query);
    }
    Connection next = new Connection();
    connection = next;
    http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(target, next)
        .whenComplete((socket, failure) -> {
          if (failure != null) {
            next.lost("connect failed: " + failure.getMessage(), true);
          }
        });
  }

  /** With lock held: the connection opened. */
  private void opened(Connection opened) {
    failedAttempts = 0;
    awaitingFirstFrame = true;
    state = State.OPEN;
    if (!awaitingResume) {
      if (firstConnection.isDone()) {
        replaceSession(); // a server without resume: the reconnection is a new session
      } else {
        unconfirmed.forEach(opened::send); // the first connection: what was sent before it opened
      }
    }
    firstConnection.complete(this);
  }

  /** With lock held: the previous session is gone; its unconfirmed events and acks with it. */
  private int replaceSession() {
    int dropped = unconfirmed.size();
    unconfirmed.clear();
    clientSeq = 0;
    lastServerSeq = 0;
    failAcks("the session was replaced by a new one");
    return dropped;
  }

  private void failAcks(String why) {
    for (CompletableFuture<List<JsonNode>> answer : pendingAcks.values()) {
      timers.execute(() -> answer.completeExceptionally(new SignalingClientException(why)));
    }
    pendingAcks.clear();
  }

  /** With lock held: one whole text frame from the current connection. */
  private void frame(Connection from, JsonNode frame) {
    String name = frame.path("event").asText();
    JsonNode args = frame.path("args");
    boolean first = awaitingFirstFrame;
    awaitingFirstFrame = false;
    switch (name) {
      case "welcome" -> {
        boolean replaced = resumeToken != null;
        int dropped = replaced ? replaceSession() : 0;
        JsonNode welcome = args.path(0);
        resumeToken = welcome.path("resumeToken").asText(null);
        peerId = welcome.path("peerId").asText(null);
        if (awaitingResume) {
          awaitingResume = false;
        }
        deliver(new SignalingEvent.SessionStarted(peerId, replaced, dropped));
        return;
      }
      case "resumed" -> {
        inUseRetries = 0;
        long processed = args.path(0).path("seq").asLong();
        while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().path("seq").asLong() <= processed) {
          unconfirmed.removeFirst();
        }
        awaitingResume = false;
        unconfirmed.forEach(from::send);
        deliver(new SignalingEvent.SessionResumed(peerId));
        return;
      }
      default -> { }
    }
    if (first && resumeToken == null) {
      deliver(new SignalingEvent.SessionStarted(null, false, 0)); // a server without resume
    }
    if ("error".equals(name) && "resume-failed".equals(args.path(0).path("code").asText())) {
      if ("in-use".equals(args.path(0).path("reason").asText()) && inUseRetries < MAX_IN_USE_RETRIES) {
        // The server has not seen our old connection end yet: leave this new session at once
        // (an orderly close ends it) and try the resume again shortly.
        inUseRetries++;
        connection = null;
        state = State.RECONNECTING;
        timers.schedule(() -> {
          synchronized (lock) {
            if (state == State.RECONNECTING && connection == null) {
              open();
            }
          }
        }, reconnect.delay(1).toNanos(), TimeUnit.NANOSECONDS);
        from.closeNow();
        return;
      }
      deliver(Events.of(name, args)); // the reason; the welcome that follows starts the new session
      return;
    }
    long confirmed = frame.path("ack").asLong(0); // our events the server has processed
    while (confirmed > 0 && !unconfirmed.isEmpty() && unconfirmed.peekFirst().path("seq").asLong() <= confirmed) {
      unconfirmed.removeFirst();
    }
    long seq = frame.path("seq").asLong(0);
    if (seq > 0) {
      if (seq <= lastServerSeq) {
        return; // replayed and already processed
      }
      lastServerSeq = seq;
    }
    if ("ack".equals(name)) {
      CompletableFuture<List<JsonNode>> answer = pendingAcks.remove(frame.path("id").asLong());
      if (answer != null) {
        List<JsonNode> values = Events.list(args);
        dispatcher.execute(() -> answer.complete(values));
      }
      return;
    }
    deliver(Events.of(name, args));
  }

  /** With lock held: the connection ended; reconnects unless the client or the server ended the session. */
  private void lost(Connection which, int code, String reason) {
    if (which != connection || state == State.CLOSED) {
      return;
    }
    connection = null;
    boolean final_ = code == WebSocket.NORMAL_CLOSURE || code == 1003 || code == 1008 || code == 1009;
    if (final_ || !reconnect.enabled()
        || (reconnect.maxAttempts() > 0 && failedAttempts >= reconnect.maxAttempts())) {
      closeLocked(code, reason);
      return;
    }
    if (state == State.OPEN) {
      deliver(new SignalingEvent.ConnectionLost(reason));
    }
    state = State.RECONNECTING;
    failedAttempts++;
    long delay = reconnect.delay(failedAttempts).toNanos();
    long jittered = (long) (delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    timers.schedule(() -> {
      synchronized (lock) {
        if (state == State.RECONNECTING && connection == null) {
          open();
        }
      }
    }, jittered, TimeUnit.NANOSECONDS);
  }

  private void deliver(SignalingEvent event) {
    dispatcher.execute(() -> {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Signaling listener failed on " + event.getClass().getSimpleName(), e);
      }
    });
  }

  // ---- closing

  /** Leaves: closes the connection normally (the server ends the session: the room gets {@code bye}). Idempotent. */
  @Override
  public void close() {
    Connection closing;
    synchronized (lock) {
      if (state == State.CLOSED) {
        return;
      }
      closing = connection;
      closeLocked(WebSocket.NORMAL_CLOSURE, "closed by the client");
    }
    if (closing != null) {
      closing.close();
    }
  }

  /**
   * Drops the connection at once, without a close frame, as a failing network would; the client
   * then reconnects and resumes. For tests and demonstrations.
   */
  public void dropConnection() {
    Connection current;
    synchronized (lock) {
      current = connection;
    }
    if (current != null) {
      current.abort();
      current.lost("connection dropped by the client", 1006); // abort() tells the listener nothing
    }
  }

  private void closeLocked(int code, String reason) {
    state = State.CLOSED;
    connection = null;
    failAcks("the client is closed");
    firstConnection.completeExceptionally(new SignalingClientException("closed before connecting: " + reason));
    deliver(new SignalingEvent.Closed(code, reason));
    dispatcher.shutdown();
    timers.schedule(timers::shutdownNow, 1, TimeUnit.SECONDS);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One WebSocket connection: its listener, and its sends chained one at a time (the JDK allows one in flight). */
  private final class Connection implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private boolean ended;

    /** With lock held: sends {@code frame}, telling the server the last event received. */
    void send(ObjectNode frame) {
      frame.put("ack", lastServerSeq);
      String text = frame.toString();
      WebSocket target = socket;
      sends = sends.thenCompose(ignored -> target.sendText(text, true)).exceptionally(failure -> {
        target.abort(); // after abort() the JDK tells the listener nothing: report the end here
        lost("send failed: " + failure, 1006);
        return null;
      });
    }

    void close() {
      WebSocket target;
      synchronized (lock) {
        target = socket;
      }
      if (target != null) {
        sends.thenCompose(ignored -> target.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
            .orTimeout(5, TimeUnit.SECONDS)
            .whenComplete((ignored, failure) ->
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(target::abort));
      }
    }

    /** With lock held: closes normally without waiting for sends (the server ends this connection's session). */
    void closeNow() {
      WebSocket target = socket;
      if (target != null) {
        target.sendClose(WebSocket.NORMAL_CLOSURE, "resume in use")
            .whenComplete((ignored, failure) ->
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(target::abort));
      }
    }

    void abort() {
      WebSocket target;
      synchronized (lock) {
        target = socket;
      }
      if (target != null) {
        target.abort();
      }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      synchronized (lock) {
        socket = webSocket;
        if (connection != this) {
          webSocket.abort();
          return;
        }
        opened(this);
      }
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        JsonNode frame;
        try {
          frame = JSON.readTree(text);
        } catch (Exception e) {
          LOG.log(System.Logger.Level.WARNING, "Unparseable frame from the server; dropping the connection");
          webSocket.abort();
          return null;
        }
        synchronized (lock) {
          if (connection == this && state != State.CLOSED) {
            frame(this, frame);
          }
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      lost(statusCode + " " + reason, statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost("connection failed: " + error, 1006);
    }

    void lost(String reason, int code) {
      synchronized (lock) {
        if (ended) {
          return;
        }
        ended = true;
        SignalingClient.this.lost(this, code, reason);
      }
    }

    /** A connect attempt failed. */
    void lost(String reason, boolean connectFailed) {
      lost(reason, 1006);
    }
  }

  /** Builds a {@link SignalingClient}. */
  public static final class Builder {
    private final URI uri;
    private HttpClient http;
    private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
    private SignalingListener listener = event -> { };
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxUnconfirmed = 10_000;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme();
      if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
        throw new IllegalArgumentException("uri must be ws:// or wss://, got " + uri);
      }
    }

    /** Where events go; by default they are dropped. */
    public Builder listener(SignalingListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How to reconnect after a drop; {@link ReconnectPolicy#DEFAULT} by default. */
    public Builder reconnect(ReconnectPolicy reconnect) {
      this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
      return this;
    }

    /** The HTTP client WebSockets are opened with (TLS settings, proxy, executor); a new one by default. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** Longest wait for one connection's handshake; 10 s by default. */
    public Builder connectTimeout(Duration connectTimeout) {
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Sent events kept until the server confirms them (for a resume); 10,000 by default. */
    public Builder maxUnconfirmed(int maxUnconfirmed) {
      if (maxUnconfirmed < 1) {
        throw new IllegalArgumentException("maxUnconfirmed must be at least 1, got " + maxUnconfirmed);
      }
      this.maxUnconfirmed = maxUnconfirmed;
      return this;
    }

    /** A client not yet connected: call {@link SignalingClient#connect()} or {@link SignalingClient#connectAsync()}. */
    public SignalingClient build() {
      return new SignalingClient(this);
    }

    /** Builds the client and connects it, waiting for the first connection. */
    public SignalingClient connect() {
      return build().connect();
    }
  }
}
