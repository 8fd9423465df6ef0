package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Connection;
import dev.signaling.core.TransportKind;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.engineio.EngineIoApplication;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.engineio.EngineIoSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO v4 session and its state machine: polling, upgrading (a WebSocket probe is
 * open beside the polling transport), on WebSocket, closed. Heartbeat: the server pings every
 * {@code pingInterval}; a pong must come within {@code pingTimeout} or the session closes.
 *
 * <p>Threading: state is guarded by {@code lock}; no I/O and no listener call happens while it
 * is held (responses and sends are collected under it, performed after). Listener calls go
 * through a {@link SerialInbox}, so they are serial even while two transports deliver.
 */
public final class EngineIoSession implements EngineIoSocket {
  private static final Logger log = LoggerFactory.getLogger(EngineIoSession.class);
  private static final char SEPARATOR = '\u001e';

  /** How a session ends decides what a pending poll is answered with. */
  enum Ending {
    /** The client sent a close packet: a pending poll gets a noop. */
    BY_CLIENT,
    /** The server closes: the client is told with a close packet where it can be. */
    BY_SERVER,
    /**
     * A protocol error, a timeout or a broken transport: a pending poll gets a close packet,
     * later requests get 400.
     */
    ON_ERROR
  }

  private final String id;
  private final Handshake handshake;
  private final SessionRegistry registry;
  private final SocketIoConfig config;
  private final SerialInbox inbox = new SerialInbox();
  private final Object lock = new Object();
  /** Set by the first inbox task, read only by later inbox tasks. */
  private EngineIoListener listener;
  /** As the engine counts this session, or null when nothing counts it. */
  private volatile Connection connection;

  // Guarded by lock.
  private boolean onWebSocket;
  /** Written under lock; volatile so that inbound packets can skip a closed session without it. */
  private volatile boolean closed;
  /** What the next poll of a closed session is answered with (once), or null: 400. */
  private String owedAnswer;
  // Only polling uses it; a default deque would allocate 17 slots for every WebSocket session too.
  private final ArrayDeque<OutboundPacket> outbox = new ArrayDeque<>(2);
  private long outboxBytes;
  private PollResponder pendingPoll;
  private boolean posting;
  private WebSocketChannel webSocket;
  private WebSocketChannel probe;
  private boolean probed;
  private ScheduledFuture<?> pingTimer;
  private ScheduledFuture<?> pongDeadline;
  private ScheduledFuture<?> upgradeDeadline;
  /** A polling session's place in the server's connection limits, given back at upgrade or close. */
  private volatile ConnectionAdmission.Ticket place;

  EngineIoSession(String id, Handshake handshake, SessionRegistry registry, WebSocketChannel webSocket) {
    this.id = id;
    this.handshake = handshake;
    this.registry = registry;
    this.config = registry.config();
    this.webSocket = webSocket;
    this.onWebSocket = webSocket != null;
  }

  void holdPlace(ConnectionAdmission.Ticket place) {
    this.place = place;
  }

  private void releasePlace() {
    ConnectionAdmission.Ticket held = place;
    if (held != null) {
      held.release(); // idempotent
    }
  }

  /** Starts the heartbeat and hands the session to the application. */
  void start(EngineIoApplication application) {
    synchronized (lock) {
      schedulePing();
    }
    inbox.submit(() -> {
      try {
        listener = application.open(this);
      } catch (RuntimeException e) {
        log.warn("Engine.IO session {}: application refused to open", id, e);
        closeWith("application error", Ending.BY_SERVER);
      }
    });
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public void sendText(String message) {
    deliver(OutboundPacket.message(message));
  }

  @Override
  public void sendBinary(byte[] message) {
    deliver(OutboundPacket.binary(message.clone()));
  }

  @Override
  public void sendText(String message, List<byte[]> followingBinaries) {
    List<OutboundPacket> packets = new ArrayList<>(followingBinaries.size() + 1);
    packets.add(OutboundPacket.message(message));
    for (byte[] binary : followingBinaries) {
      packets.add(OutboundPacket.binary(binary.clone()));
    }
    deliver(packets);
  }

  @Override
  public void close() {
    closeWith("server close", Ending.BY_SERVER);
  }

  /** Set once at admission, before the session starts. */
  void counted(Connection connection) {
    this.connection = connection;
    if (webSocket != null) {
      webSocket.onQueuedChange(connection::queued);
    }
  }

  /**
   * The engine closes the session: for a service restart (drain) with close code 1012 and no
   * Socket.IO DISCONNECT, so socket.io clients reconnect by themselves, elsewhere.
   */
  void closeFor(CloseReason reason, String description) {
    closeWith(description, Ending.BY_SERVER, reason.code());
  }

  boolean isOnWebSocket() {
    synchronized (lock) {
      return onWebSocket;
    }
  }

  // ---- outbound

  /** One packet: the common case, without a list around it. */
  private void deliver(OutboundPacket packet) {
    deliver(packet, null);
  }

  private void deliver(List<OutboundPacket> packets) {
    deliver(null, packets);
  }

  /** Sends {@code single}, or else each of {@code packets}. */
  private void deliver(OutboundPacket single, List<OutboundPacket> packets) {
    WebSocketChannel ws = null;
    PollResponder poll = null;
    String body = null;
    boolean overflow = false;
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (onWebSocket) {
        ws = webSocket;
        if (single != null) {
          ws.enqueue(single);
        } else {
          packets.forEach(ws::enqueue);
        }
      } else {
        if (single != null) {
          toOutbox(single);
        } else {
          packets.forEach(this::toOutbox);
        }
        if (outboxBytes > config.maxQueuedBytes()) {
          overflow = true;
        } else if (pendingPoll != null) {
          poll = pendingPoll;
          pendingPoll = null;
          body = drainOutbox();
        }
      }
    }
    if (overflow) {
      log.debug("Engine.IO session {}: client does not poll fast enough, closing", id);
      closeWith("send queue overflow", Ending.BY_SERVER);
      return;
    }
    if (ws != null) {
      ws.flush();
    }
    if (poll != null) {
      poll.respond(200, body);
    }
  }

  /** Queues {@code packet} for the next poll; call under lock. */
  private void toOutbox(OutboundPacket packet) {
    outbox.add(packet);
    outboxBytes += packet.weight();
    queued(packet.weight());
  }

  /** Joins and clears the polling outbox; call under lock. */
  private String drainOutbox() {
    StringBuilder body = new StringBuilder();
    OutboundPacket packet;
    while ((packet = outbox.poll()) != null) {
      if (body.length() > 0) {
        body.append(SEPARATOR);
      }
      packet.appendPollingForm(body);
    }
    queued(-outboxBytes);
    outboxBytes = 0;
    return body.toString();
  }

  private void queued(long delta) {
    Connection counted = connection;
    if (counted != null) {
      counted.queued(delta);
    }
  }

  // ---- heartbeat

  private void schedulePing() {
    pingTimer = registry.schedule(this::ping, config.pingInterval());
  }

  private void ping() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      pongDeadline = registry.schedule(() -> closeWith("ping timeout", Ending.ON_ERROR), config.pingTimeout());
    }
    deliver(OutboundPacket.PING);
  }

  @Override
  public void probe(java.time.Duration within) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (pongDeadline != null) {
        // A ping is out and unanswered: its answer must come within the probe's time.
        if (pongDeadline.getDelay(java.util.concurrent.TimeUnit.NANOSECONDS) > within.toNanos()) {
          pongDeadline.cancel(false);
          pongDeadline = registry.schedule(() -> closeWith("ping timeout", Ending.ON_ERROR), within);
        }
        return;
      }
      cancel(pingTimer);
      pongDeadline = registry.schedule(() -> closeWith("ping timeout", Ending.ON_ERROR), within);
    }
    deliver(OutboundPacket.PING);
  }

  private void pong() {
    synchronized (lock) {
      if (closed || pongDeadline == null) {
        return; // a pong nobody asked for: harmless
      }
      pongDeadline.cancel(false);
      pongDeadline = null;
      schedulePing();
    }
  }

  // ---- polling

  /** A GET with this session's sid: answered now, or held until there is something to send. */
  void poll(PollResponder responder) {
    PollResponder previous = null;
    int status;
    String body;
    synchronized (lock) {
      if (closed && owedAnswer != null) {
        registry.remove(this);
        status = 200;
        body = owedAnswer;
        owedAnswer = null;
      } else if (closed || onWebSocket) {
        status = 400;
        body = closed ? "session closed" : "session moved to websocket";
      } else if (pendingPoll != null) {
        previous = pendingPoll; // a second concurrent poll is a protocol error: end the session
        pendingPoll = null;
        status = 400;
        body = "duplicate poll";
      } else if (!outbox.isEmpty()) {
        status = 200;
        body = drainOutbox();
      } else if (probe != null && probed) {
        status = 200; // upgrading: release the client so it can complete the upgrade
        body = OutboundPacket.NOOP.text();
      } else {
        pendingPoll = responder;
        return;
      }
    }
    if (previous != null) {
      previous.respond(200, OutboundPacket.CLOSE.text());
      closeWith("duplicate poll", Ending.ON_ERROR);
    }
    responder.respond(status, body);
  }

  /** The client went away while its poll was held (request aborted). */
  void pollCancelled(PollResponder responder) {
    synchronized (lock) {
      if (pendingPoll != responder) {
        return;
      }
      pendingPoll = null;
    }
    closeWith("poll cancelled", Ending.ON_ERROR);
  }

  /**
   * A POST with this session's sid carrying {@code payload} (packets separated by 0x1e).
   *
   * @return the HTTP status to answer: 200, or 400 (the session is then closed)
   */
  int post(String payload) {
    boolean concurrent;
    synchronized (lock) {
      if (closed || onWebSocket) {
        return 400;
      }
      concurrent = posting;
      posting = true;
    }
    if (concurrent) {
      closeWith("concurrent POST", Ending.ON_ERROR);
      return 400;
    }
    boolean valid = true;
    try {
      int start = 0;
      while (valid && start <= payload.length()) {
        int end = payload.indexOf(SEPARATOR, start);
        if (end < 0) {
          end = payload.length();
        }
        valid = receive(payload.substring(start, end), null);
        start = end + 1;
      }
    } finally {
      synchronized (lock) {
        posting = false;
      }
    }
    if (!valid) {
      closeWith("invalid polling payload", Ending.ON_ERROR);
      return 400;
    }
    return 200;
  }

  // ---- WebSocket

  /** A WebSocket opened with this session's sid: it becomes the upgrade probe, if allowed. */
  boolean beginUpgrade(WebSocketChannel channel) {
    synchronized (lock) {
      if (closed || onWebSocket || probe != null) {
        return false;
      }
      probe = channel;
      probed = false;
      WebSocketChannel candidate = channel;
      upgradeDeadline = registry.schedule(() -> abandonProbe(candidate, true), config.upgradeTimeout());
      return true;
    }
  }

  /** A text frame from {@code channel}. */
  public void webSocketText(WebSocketChannel channel, String frame) {
    boolean fromProbe;
    synchronized (lock) {
      fromProbe = channel == probe;
      if (!fromProbe && channel != webSocket) {
        return; // a connection this session let go of
      }
    }
    if (fromProbe) {
      probeFrame(channel, frame);
    } else if (!receive(frame, channel)) {
      closeWith("invalid packet", Ending.ON_ERROR);
    }
  }

  /** A binary frame from {@code channel}: one binary message. */
  public void webSocketBinary(WebSocketChannel channel, byte[] data) {
    synchronized (lock) {
      if (channel != webSocket || !onWebSocket) {
        if (channel == probe) {
          abandonProbe(channel, true);
        }
        return;
      }
    }
    inbox.submit(() -> listenerOrNothing().onBinary(data));
  }

  /** {@code channel} closed (by either side). */
  public void webSocketClosed(WebSocketChannel channel) {
    boolean active;
    synchronized (lock) {
      active = channel == webSocket && onWebSocket;
    }
    if (active) {
      closeWith("transport close", Ending.ON_ERROR);
    } else {
      abandonProbe(channel, false);
    }
  }

  private void probeFrame(WebSocketChannel channel, String frame) {
    if (frame.equals("2probe")) {
      PollResponder poll;
      synchronized (lock) {
        if (probe != channel) {
          return;
        }
        probed = true;
        channel.enqueue(OutboundPacket.PONG_PROBE);
        poll = pendingPoll;
        pendingPoll = null;
      }
      channel.flush();
      if (poll != null) {
        poll.respond(200, OutboundPacket.NOOP.text());
      }
    } else if (frame.equals("5")) {
      PollResponder poll;
      synchronized (lock) {
        if (probe != channel || !probed || closed) {
          return;
        }
        probe = null;
        cancel(upgradeDeadline);
        upgradeDeadline = null;
        webSocket = channel;
        onWebSocket = true;
        // Upgraded: the WebSocket's own handshake took a place of its own (where the server counts them).
        releasePlace();
        Connection counted = connection;
        if (counted != null) {
          channel.onQueuedChange(counted::queued);
        }
        queued(-outboxBytes);
        OutboundPacket packet;
        while ((packet = outbox.poll()) != null) {
          channel.enqueue(packet);
        }
        outboxBytes = 0;
        poll = pendingPoll;
        pendingPoll = null;
      }
      channel.flush();
      Connection counted = connection;
      if (counted != null) {
        counted.upgraded(TransportKind.WEBSOCKET);
      }
      if (poll != null) {
        poll.respond(200, OutboundPacket.NOOP.text());
      }
    } else {
      abandonProbe(channel, true);
    }
  }

  private void abandonProbe(WebSocketChannel channel, boolean closeIt) {
    synchronized (lock) {
      if (probe != channel) {
        return;
      }
      probe = null;
      probed = false;
      cancel(upgradeDeadline);
      upgradeDeadline = null;
    }
    if (closeIt) {
      channel.close(1002, "upgrade failed");
    }
  }

  // ---- inbound packets

  /** Handles one packet; false when it is malformed (the caller then closes the session). */
  private boolean receive(String packet, WebSocketChannel channel) {
    if (closed) {
      return true; // after a close packet (or any close) nothing more is delivered
    }
    if (packet.isEmpty()) {
      return false;
    }
    char type = packet.charAt(0);
    switch (type) {
      case '1' -> closeWith("client close", Ending.BY_CLIENT);
      case '2' -> replyToClientPing(packet, channel);
      case '3' -> pong();
      case '4' -> inbox.submit(() -> listenerOrNothing().onText(packet, 1));
      case '6' -> { }
      case 'b' -> {
        if (channel != null) {
          return false; // base64 binary exists only in polling payloads
        }
        byte[] data;
        try {
          data = Base64.getDecoder().decode(packet.substring(1));
        } catch (IllegalArgumentException e) {
          return false;
        }
        inbox.submit(() -> listenerOrNothing().onBinary(data));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Engine.IO 3 clients ping the server; answering costs nothing and harms no v4 client. */
  private void replyToClientPing(String packet, WebSocketChannel channel) {
    deliver(new OutboundPacket('3', packet.substring(1), null));
  }

  private EngineIoListener listenerOrNothing() {
    EngineIoListener current = listener;
    return current != null ? current : NoListener.INSTANCE;
  }

  // ---- closing

  void closeWith(String reason, Ending ending) {
    closeWith(reason, ending, ending == Ending.ON_ERROR ? 1001 : 1000);
  }

  /**
   * Ends the session. {@code code} is the WebSocket close code sent on WebSocket, and the code
   * the session's end is reported with on either transport: 1000 (closed by the client or the
   * server), 1001 (timeouts, protocol errors, a broken transport), 1012 (drain).
   */
  private void closeWith(String reason, Ending ending, int code) {
    PollResponder poll;
    String pollBody = null;
    WebSocketChannel ws;
    WebSocketChannel probeChannel;
    boolean wasOnWebSocket;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      releasePlace();
      cancel(pingTimer);
      cancel(pongDeadline);
      cancel(upgradeDeadline);
      wasOnWebSocket = onWebSocket;
      ws = onWebSocket ? webSocket : null;
      probeChannel = probe;
      probe = null;
      poll = pendingPoll;
      pendingPoll = null;
      if (poll != null) {
        pollBody = ending == Ending.BY_CLIENT
            ? OutboundPacket.NOOP.text()
            : appendPacket(drainOutbox(), OutboundPacket.CLOSE);
      } else if (!wasOnWebSocket && ending != Ending.ON_ERROR) {
        // Answer the client's next poll (it may be on its way); forget the session if none comes.
        owedAnswer = ending == Ending.BY_CLIENT
            ? OutboundPacket.NOOP.text()
            : appendPacket(drainOutbox(), OutboundPacket.CLOSE);
        registry.schedule(() -> registry.remove(this), config.pingInterval().plus(config.pingTimeout()));
      }
      if (owedAnswer == null) {
        outbox.clear();
        registry.remove(this);
      }
      queued(-outboxBytes);
      outboxBytes = 0;
    }
    Connection counted = connection;
    if (counted != null) {
      counted.closed(code, reason);
    }
    log.debug("Engine.IO session {} closed: {}", id, reason);
    if (poll != null) {
      poll.respond(200, pollBody);
    }
    if (ws != null) {
      ws.close(code, reason);
    }
    if (probeChannel != null) {
      probeChannel.close(1001, reason);
    }
    inbox.submit(() -> listenerOrNothing().onClose(reason));
  }

  private static String appendPacket(String body, OutboundPacket packet) {
    return body.isEmpty() ? packet.text() : body + SEPARATOR + packet.text();
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "EngineIoSession{id=" + id + ", transport=" + (onWebSocket ? "websocket" : "polling")
          + ", upgrading=" + (probe != null) + ", closed=" + closed + "}";
    }
  }

  /** Stands in before the application has opened the session (or when it failed to). */
  private enum NoListener implements EngineIoListener {
    INSTANCE;

    @Override
    public void onText(String message) {}

    @Override
    public void onText(String text, int offset) {}

    @Override
    public void onBinary(byte[] message) {}

    @Override
    public void onClose(String reason) {}
  }
}
