package dev.signaling.transport.jsr356;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Connection;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import dev.signaling.core.Peer;
import dev.signaling.core.PeerSink;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingException;
import dev.signaling.core.protocol.NativeCodec;
import dev.signaling.transport.jsr356.internal.SendQueue;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection speaking the native protocol: decodes each text frame into a {@link
 * ClientEvent} for its {@link Peer}, and encodes the peer's {@link ServerEvent}s back. Created by
 * {@link SignalingEndpoints} per connection; uses only the {@code jakarta.websocket} API.
 *
 * <p>The container calls {@code onMessage} for one session one at a time; events for this peer
 * arrive from any thread and go out through a {@link SendQueue}.
 *
 * <p>Public only because containers call it reflectively; create it through {@link
 * SignalingEndpoints}.
 */
public final class SignalingEndpoint extends Endpoint implements PeerSink {
  private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);

  private final SignalingEngine engine;
  private final NativeCodec codec;
  private final WebSocketOptions options;
  private final ConnectionRegistry<SignalingEndpoint> registry;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile Session session;
  private volatile Peer peer;
  private volatile Connection connection;
  private volatile SendQueue sendQueue;
  /** Last time the client showed it is alive (a message or a pong), from {@link System#nanoTime()}. */
  private volatile long lastHeardNanos = System.nanoTime();
  /** Last time a frame was queued for the client. */
  private volatile long lastSentNanos = lastHeardNanos;
  private volatile int registrySlice;

  SignalingEndpoint(SignalingEngine engine, NativeCodec codec, WebSocketOptions options,
      ConnectionRegistry<SignalingEndpoint> registry) {
    this.engine = engine;
    this.codec = codec;
    this.options = options;
    this.registry = registry;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    this.session = session;
    Optional<Connection> admitted = engine.connections().admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, this::close);
    if (admitted.isEmpty()) {
      // Draining: go elsewhere.
      closing.set(true);
      closeSession(CloseReason.SERVICE_RESTART, "server draining");
      return;
    }
    Connection connection = admitted.get();
    this.connection = connection;
    session.setMaxTextMessageBufferSize(options.maxTextMessageBytes());
    // The container's own idle timer would be rescheduled on every message (costly in Tyrus);
    // idle connections are found by ConnectionRegistry's ping sweep instead.
    session.setMaxIdleTimeout(-1);
    // Frames are Java strings here; count chars, a close enough measure of queued bytes.
    sendQueue = new SendQueue(session.getAsyncRemote(), options.maxQueuedBytes(),
        failure -> abort(failure), () -> close(CloseReason.TRY_AGAIN_LATER, "reader too slow"),
        connection::queued);
    peer = engine.connect(this);
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) binary ->
        close(CloseReason.UNSUPPORTED_DATA, "binary frames are not supported"));
    session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong ->
        lastHeardNanos = System.nanoTime());
    registrySlice = registry.add(this);
  }

  private void onText(String frame) {
    lastHeardNanos = System.nanoTime();
    // Containers enforce the buffer size only for fragmented messages (Tyrus), so check here too.
    if (exceedsLimit(frame)) {
      close(CloseReason.MESSAGE_TOO_BIG, "message over " + options.maxTextMessageBytes() + " bytes");
      return;
    }
    ClientEvent event;
    try {
      event = codec.decode(frame, this::send);
    } catch (SignalingException e) {
      peer.reject(e);
      return;
    }
    peer.receive(event);
  }

  private boolean exceedsLimit(String frame) {
    int limit = options.maxTextMessageBytes();
    if (frame.length() > limit) {
      return true;
    }
    // A UTF-16 unit takes at most 3 bytes of UTF-8: count exactly only when that could matter.
    return (long) frame.length() * 3 > limit
        && frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limit;
  }

  @Override
  public void send(ServerEvent event) {
    SendQueue queue = sendQueue;
    if (queue != null && !closing.get()) {
      lastSentNanos = System.nanoTime();
      queue.offer(codec.encode(event));
    }
  }

  /**
   * Closes the connection. A service restart (drain) first sends what is queued, so nothing
   * already relayed is lost; other reasons drop the queue.
   */
  @Override
  public void close(CloseReason reason, String description) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    if (reason == CloseReason.SERVICE_RESTART) {
      sendQueue.closeAfterFlush(() -> closeSession(reason, description));
      return;
    }
    sendQueue.close();
    closeSession(reason, description);
  }

  private void closeSession(CloseReason reason, String description) {
    try {
      session.close(new jakarta.websocket.CloseReason(CloseCodes.getCloseCode(reason.code()), description));
    } catch (IOException | IllegalStateException e) {
      log.debug("Close of session {} failed", session.getId(), e);
    }
  }

  @Override
  public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
    closing.set(true);
    registry.remove(this, registrySlice);
    SendQueue queue = sendQueue;
    if (queue != null) {
      queue.close();
    }
    Peer current = peer;
    if (current != null) {
      current.disconnected();
    }
    Connection ended = connection;
    if (ended != null) {
      ended.closed(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase());
    }
  }

  @Override
  public void onError(Session session, Throwable error) {
    // A frame above the size limit arrives here in some containers; they close with 1009 themselves.
    log.debug("WebSocket error on session {}", session.getId(), error);
  }

  /**
   * The heartbeat's visit, once per ping interval: closes the connection when the client has been
   * silent too long, else pings it, unless frames went both ways within the last {@link
   * #busyWindowNanos}. Such traffic already shows the client alive and keeps intermediaries' idle
   * timers from firing; a ping would only add a write and a pong to a busy connection.
   */
  void sweep(long nowNanos) {
    if (nowNanos - lastHeardNanos > options.idleTimeout().toNanos()) {
      close(CloseReason.GOING_AWAY, "idle timeout");
      return;
    }
    long busyWindow = busyWindowNanos(options);
    if (nowNanos - lastHeardNanos < busyWindow && nowNanos - lastSentNanos < busyWindow) {
      return;
    }
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (IOException | RuntimeException e) {
      log.debug("Ping of session {} failed", session.getId(), e);
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

  private void abort(Throwable failure) {
    log.debug("Send on session {} failed", session.getId(), failure);
    close(CloseReason.GOING_AWAY, "send failed");
  }
}
