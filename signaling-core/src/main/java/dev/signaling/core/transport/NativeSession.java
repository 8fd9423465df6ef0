package dev.signaling.core.transport;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Connection;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Peer;
import dev.signaling.core.PeerSink;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SessionNotice;
import dev.signaling.core.protocol.NativeCodec;
import dev.signaling.core.protocol.Utf8Frame;
import dev.signaling.core.SignalingException;
import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection speaking the native protocol, independent of any container: decodes
 * each text frame into a {@link ClientEvent} for its {@link Peer}, encodes the peer's {@link
 * ServerEvent}s back, enforces the size limit (1009), refuses binary frames (1003), closes a
 * reader that falls too far behind (1013) and takes part in the heartbeat (pings, 1001 when
 * silent). Transport adapters only move frames: they call the {@code on...} methods and
 * implement {@link NativeSocket}. Created by {@link NativeSessions#open}.
 *
 * <p>Bytes: a transport that has a frame's UTF-8 bytes (Netty) hands them over as they are
 * ({@link #onText(byte[])}) and, if {@link NativeSocket#writesUtf8()}, gets frames back as bytes:
 * a relayed payload then goes from one client's frame to the other's without becoming a {@code
 * String}. Containers that deliver {@code String}s (JSR-356) use {@link #onText(String)}.
 *
 * <p>Threading: a transport calls {@link #onText}, {@link #onBinary} and {@link #onPong} for one
 * connection one at a time; {@link #send} and {@link #close} may come from any thread.
 */
public final class NativeSession implements PeerSink {
  private static final Logger log = LoggerFactory.getLogger(NativeSession.class);
  /** Frames held while a resume waits ({@link #awaitPeer}); a client waits for the answer, so few come. */
  private static final int MAX_EARLY_FRAMES = 256;

  private final NativeSessions owner;
  private final NativeSocket socket;
  private final boolean writesUtf8;
  private final AtomicBoolean closing = new AtomicBoolean();
  /** This side closed the connection. */
  private volatile boolean closedHere;
  /** This side closed it for a reason the client may resume from: it looked dead (silent, or a write failed). */
  private volatile boolean resumableClose;
  private volatile Peer peer;
  /** The close the server asked for first (code, description), or null: reported as the connection's end. */
  private volatile CloseReason serverClose;
  private volatile String serverCloseDescription;
  /** As the engine counts this connection; null when it was refused (the engine drains). */
  private volatile Connection connection;
  /** Last time the client showed it is alive (a message or a pong), from {@link System#nanoTime()}. */
  private volatile long lastHeardNanos = System.nanoTime();
  /** Last time a frame was queued for the client. */
  private volatile long lastSentNanos = lastHeardNanos;
  private volatile int registrySlice;
  /**
   * Frames (String or byte[]) that came while a resume waited for its session's old connection
   * ({@link #awaitPeer}), handed to the peer in order once it is known; null otherwise. Guarded
   * by this session's monitor.
   */
  private volatile List<Object> early;
  /** The connection ended before its peer was known: whether it may resume (null: it has not). */
  private Boolean endedEarlyResumable;

  NativeSession(NativeSessions owner, NativeSocket socket) {
    this.owner = owner;
    this.socket = socket;
    this.writesUtf8 = socket.writesUtf8();
  }

  void start(Connection admitted, int slice) {
    this.connection = admitted;
    this.registrySlice = slice;
  }

  /** The peer is decided later (a resume waits for its old connection): hold frames until then. */
  synchronized void awaitPeer() {
    early = new ArrayList<>();
  }

  /**
   * The peer this connection is. Frames held meanwhile go to it first, in order; a connection
   * that ended meanwhile is reported to it now.
   */
  void connected(Peer connected) {
    this.peer = connected;
    while (true) {
      List<Object> held;
      synchronized (this) {
        held = early;
        if (held == null || held.isEmpty()) {
          early = null;
          break;
        }
        early = new ArrayList<>();
      }
      for (Object frame : held) {
        if (frame instanceof String text) {
          onText(text);
        } else {
          onText((byte[]) frame);
        }
      }
    }
    Boolean ended;
    synchronized (this) {
      ended = endedEarlyResumable;
    }
    if (ended != null) {
      if (ended) {
        connected.connectionLost();
      } else {
        connected.disconnected();
      }
    }
  }

  /** Holds {@code frame} while the peer is not known yet; false when it is (or never will be). */
  private boolean heldEarly(Object frame) {
    if (early == null) {
      return false;
    }
    synchronized (this) {
      if (early == null) {
        return false;
      }
      if (early.size() >= MAX_EARLY_FRAMES) {
        close(CloseReason.POLICY_VIOLATION, "too many frames before the resume was answered");
        return true;
      }
      early.add(frame);
      return true;
    }
  }

  /** Refused at the door (the engine drains): closed with 1012, frames are ignored. */
  void refuse() {
    close(CloseReason.SERVICE_RESTART, "server draining");
  }

  /**
   * The engine's authenticator refused the connection: the {@code error} event, then close 1008
   * ({@code unauthorized}) or 1013 ({@code unavailable}: try again later), after the event is
   * written.
   */
  @Override
  public void refuse(SignalingException refusal) {
    send(refusal.toEvent());
    if (closing.compareAndSet(false, true)) {
      closedHere = true;
      socket.closeAfterFlush(refusal.code() == ErrorCode.UNAVAILABLE ? CloseReason.TRY_AGAIN_LATER
          : CloseReason.POLICY_VIOLATION, refusal.code().wireCode());
    }
  }

  /** Whether the engine admitted this connection; false while it drains (the socket is closed then). */
  public boolean isAdmitted() {
    return connection != null;
  }

  /**
   * The transport's send queue grew ({@code delta > 0}) or shrank: feeds the engine's send-queue
   * gauge ({@link Connection#queued}). Optional for transports.
   */
  public void queued(long delta) {
    Connection counted = connection;
    if (counted != null) {
      counted.queued(delta);
    }
  }

  /** The peer this connection is, for transports and applications. */
  public Peer peer() {
    return peer;
  }

  /** A text frame arrived. */
  public void onText(String frame) {
    if (heldEarly(frame)) {
      return;
    }
    int limit = owner.options().maxTextMessageBytes();
    // Containers enforce their buffer size only for some frames (Tyrus: fragmented ones): check here too.
    onFrame(exceedsLimit(frame, limit), limit, replies -> owner.codec().decodeNumbered(frame, replies));
  }

  /**
   * A text frame arrived as its UTF-8 bytes, which the session may keep (a relayed payload is a
   * slice of them): the transport hands the array over and never changes it afterwards. Bytes
   * that are not well-formed UTF-8 close the connection with 1007 (RFC 6455, section 8.1), as
   * containers that decode text frames themselves do.
   */
  public void onText(byte[] utf8) {
    if (heldEarly(utf8)) {
      return;
    }
    int limit = owner.options().maxTextMessageBytes();
    onFrame(utf8.length > limit, limit, replies -> owner.codec().decodeNumbered(utf8, replies));
  }

  private void onFrame(boolean tooBig, int limit, Function<Consumer<ServerEvent>, NativeCodec.Decoded> decode) {
    Peer current = peer;
    if (current == null) {
      return; // refused
    }
    lastHeardNanos = System.nanoTime();
    if (tooBig) {
      close(CloseReason.MESSAGE_TOO_BIG, "message over " + limit + " bytes");
      return;
    }
    NativeCodec.Decoded decoded;
    try {
      // Acknowledgements go through the peer, numbered like every event of a resumable session.
      decoded = decode.apply(current::send);
    } catch (SignalingException e) {
      if (e.getCause() instanceof CharConversionException) {
        close(CloseReason.INVALID_PAYLOAD, "invalid UTF-8");
      } else {
        current.reject(e);
      }
      return;
    }
    current.acknowledged(decoded.ack());
    current.receive(decoded.event(), decoded.seq());
  }

  /** A binary frame arrived: the native protocol has none (1003). */
  public void onBinary() {
    close(CloseReason.UNSUPPORTED_DATA, "binary frames are not supported");
  }

  /** A pong arrived: the client is alive. */
  public void onPong() {
    lastHeardNanos = System.nanoTime();
  }

  /** The transport's send queue overflowed: the reader is too slow (1013). */
  public void readerTooSlow() {
    close(CloseReason.TRY_AGAIN_LATER, "reader too slow");
  }

  /**
   * A write failed: the connection is broken, and the client may resume. Writes that fail after
   * the server closed the connection for a cause (a reader too slow, a flood) change nothing: the
   * transport cutting a connection whose close frame could not be written fails what was queued,
   * and that close stays one the client cannot resume from.
   */
  public void sendFailed(Throwable failure) {
    if (closedHere) {
      log.debug("Send on {} failed after the server closed it", socket.id(), failure);
      return;
    }
    log.debug("Send on {} failed", socket.id(), failure);
    resumableClose = true;
    close(CloseReason.GOING_AWAY, "send failed");
  }

  /**
   * The connection ended, whoever closed it, with {@code closeCode} (RFC 6455; 1006 when it
   * broke without a close frame) and the close frame's {@code reason}. Idempotent.
   */
  public void closed(int closeCode, String reason) {
    closing.set(true);
    if (owner.forget(this, registrySlice)) {
      // Resumable (docs/PROTOCOL.md, "Resume"): the connection dropped without an orderly close
      // by the client, or this side closed one that looked dead. Not resumable: the client said
      // goodbye (1000), or the server closed it for a cause.
      boolean resumable = resumableClose || (!closedHere && NativeCodec.resumableClose(closeCode));
      Peer current;
      synchronized (this) {
        current = peer;
        if (current == null && early != null) {
          endedEarlyResumable = resumable; // told to the peer once it is known (connected)
        }
      }
      if (current != null) {
        if (resumable) {
          current.connectionLost();
        } else {
          current.disconnected();
        }
      }
    }
    Connection counted = connection;
    if (counted != null) {
      // Why it ended is the server's reason when the server closed it: containers report the
      // close handshake differently (the client's echo, or their own code when it went wrong).
      CloseReason ours = serverClose;
      counted.closed(ours != null ? ours.code() : closeCode, ours != null ? serverCloseDescription : reason);
    }
  }

  /** The connection ended without a known close code (reported as 1005, no status). Idempotent. */
  public void closed() {
    closed(1005, "");
  }

  @Override
  public void send(ServerEvent event) {
    if (!closing.get()) {
      lastSentNanos = System.nanoTime();
      if (writesUtf8) {
        socket.sendText(owner.codec().encodeFrame(event));
      } else {
        socket.sendText(owner.codec().encode(event));
      }
    }
  }

  @Override
  public void send(ServerEvent event, long seq) {
    if (!closing.get()) {
      lastSentNanos = System.nanoTime();
      Peer current = peer;
      long ack = current == null ? 0 : current.lastClientSeq();
      if (writesUtf8) {
        socket.sendText(owner.codec().encodeFrame(event, seq, ack));
      } else {
        socket.sendText(owner.codec().encode(event, seq, ack));
      }
    }
  }

  @Override
  public void session(SessionNotice notice) {
    if (!closing.get()) {
      lastSentNanos = System.nanoTime();
      String frame = owner.codec().encode(notice);
      if (writesUtf8) {
        socket.sendText(Utf8Frame.of(frame.getBytes(StandardCharsets.UTF_8)));
      } else {
        socket.sendText(frame);
      }
    }
  }

  /**
   * Closes the connection. A service restart (the engine drains) first sends what is queued
   * ({@link NativeSocket#closeAfterFlush}), so nothing already relayed is lost.
   */
  @Override
  public void close(CloseReason reason, String description) {
    if (closing.compareAndSet(false, true)) {
      serverCloseDescription = description;
      serverClose = reason;
      closedHere = true;
      if (reason == CloseReason.SERVICE_RESTART) {
        socket.closeAfterFlush(reason, description);
      } else {
        socket.close(reason, description);
      }
    }
  }

  /**
   * A client resumes this connection's session: pings now and, unless a frame or a pong comes
   * within {@code within}, closes the connection as dropped (resumable), like a silent one.
   */
  @Override
  public void probe(java.time.Duration within) {
    long asked = System.nanoTime();
    try {
      socket.sendPing();
    } catch (RuntimeException e) {
      log.debug("Ping of {} failed", socket.id(), e);
    }
    owner.schedule(within, () -> {
      if (lastHeardNanos - asked < 0 && !closing.get()) {
        resumableClose = true;
        close(CloseReason.GOING_AWAY, "no answer to ping");
      }
    });
  }

  static boolean exceedsLimit(String frame, int limit) {
    if (frame.length() > limit) {
      return true;
    }
    // A UTF-16 unit takes at most 3 bytes of UTF-8: count exactly only when that could matter.
    return (long) frame.length() * 3 > limit && frame.getBytes(StandardCharsets.UTF_8).length > limit;
  }

  /**
   * The heartbeat's visit, once per ping interval: closes the connection when the client has been
   * silent too long, else pings it, unless frames went both ways within the last {@link
   * #busyWindowNanos}. Such traffic already shows the client alive and keeps intermediaries' idle
   * timers from firing; a ping would only add a write and a pong to a busy connection.
   */
  void sweep(long nowNanos) {
    WebSocketOptions options = owner.options();
    if (nowNanos - lastHeardNanos > options.idleTimeout().toNanos()) {
      resumableClose = true; // a silent client may be behind a dead network: it may resume
      close(CloseReason.GOING_AWAY, "idle timeout");
      return;
    }
    long busyWindow = busyWindowNanos(options);
    if (nowNanos - lastHeardNanos < busyWindow && nowNanos - lastSentNanos < busyWindow) {
      return;
    }
    try {
      socket.sendPing();
    } catch (RuntimeException e) {
      log.debug("Ping of {} failed", socket.id(), e);
    }
  }

  /**
   * Half of the smaller of the ping interval and the slack between it and the idle timeout. A client
   * last heard within this window at one visit is pinged at the next, one interval later, still
   * short of the idle timeout; and no direction goes quiet for more than 1.5 ping intervals.
   */
  static long busyWindowNanos(WebSocketOptions options) {
    long interval = options.pingInterval().toNanos();
    return Math.min(interval, options.idleTimeout().toNanos() - interval) / 2;
  }
}
