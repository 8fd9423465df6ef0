package dev.signaling.core.transport;

import dev.signaling.core.CloseReason;
import dev.signaling.core.Connection;
import dev.signaling.core.Handshake;
import dev.signaling.core.Peer;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import dev.signaling.core.protocol.NativeCodec;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The native protocol's connections of one deployment (one path on one server): opens a {@link
 * NativeSession} per WebSocket and runs their heartbeat on one daemon thread. Every transport
 * adapter (JSR-356, Netty) holds one, so the protocol's rules live here once.
 *
 * <pre>{@code
 * NativeSessions sessions = NativeSessions.create(engine, WebSocketOptions.DEFAULT);
 * NativeSession session = sessions.open(socket);   // per accepted WebSocket
 * session.onText(frame); ...; session.closed();
 * sessions.close();                                // on shutdown: stops the heartbeat
 * }</pre>
 */
public final class NativeSessions implements AutoCloseable {
  private final SignalingEngine engine;
  private final WebSocketOptions options;
  private final NativeCodec codec = new NativeCodec();
  private final ConnectionRegistry<NativeSession> registry;

  private NativeSessions(SignalingEngine engine, WebSocketOptions options) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.options = Objects.requireNonNull(options, "options");
    this.registry = new ConnectionRegistry<>(options.pingInterval(), NativeSession::sweep);
  }

  public static NativeSessions create(SignalingEngine engine, WebSocketOptions options) {
    return new NativeSessions(engine, options);
  }

  public WebSocketOptions options() {
    return options;
  }

  public SignalingEngine engine() {
    return engine;
  }

  NativeCodec codec() {
    return codec;
  }

  /**
   * A connection was accepted (its handshake passed {@link WebSocketOptions#originPolicy()}):
   * admits it to the engine's {@link dev.signaling.core.Connections} (counted as native over
   * WebSocket), connects a peer and starts its heartbeat. The caller routes the connection's
   * frames to the returned session and calls {@link NativeSession#closed(int, String)} when it
   * ends. While the engine drains the connection is refused instead: the socket is closed with
   * 1012 at once and the session ignores frames ({@link NativeSession#isAdmitted()} is false).
   */
  public NativeSession open(NativeSocket socket) {
    return open(socket, Handshake.empty());
  }

  /**
   * As {@link #open(NativeSocket)}, for a connection whose upgrade request carried {@code
   * handshake}: the engine's {@link dev.signaling.core.Authenticator} decides on it, and a
   * refusal is an {@code error} event ({@code unauthorized}) followed by close 1008 (1013 for
   * {@code unavailable}), sent through {@link NativeSocket#closeAfterFlush} so the event goes
   * out first. The refusal may come before this method returns (a synchronous authenticator);
   * the socket's close is reported through {@link NativeSession#closed} as always.
   */
  public NativeSession open(NativeSocket socket, Handshake handshake) {
    Objects.requireNonNull(handshake, "handshake");
    NativeSession session = new NativeSession(this, Objects.requireNonNull(socket, "socket"));
    Optional<Connection> admitted = engine.connections()
        .admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, session::close);
    if (admitted.isEmpty()) {
      session.refuse();
      return session;
    }
    // Counted and registered before the peer exists: a refusal inside connect() closes a
    // session whose end is then reported and forgotten like any other.
    session.start(admitted.get(), registry.add(session));
    // At once, unless a resume waits for its session's old connection to end (frames that come
    // meanwhile are held, in order).
    CompletableFuture<Peer> peer = engine.connectAsync(handshake, session, null).toCompletableFuture();
    if (peer.isDone()) {
      session.connected(peer.join());
    } else {
      session.awaitPeer();
      peer.whenComplete((connected, failure) -> {
        if (connected != null) {
          session.connected(connected);
        } else {
          session.close(CloseReason.TRY_AGAIN_LATER, "resume failed");
        }
      });
    }
    return session;
  }

  /** Runs {@code task} once after {@code delay}, on the heartbeat's thread. */
  void schedule(java.time.Duration delay, Runnable task) {
    registry.schedule(delay, task);
  }

  /** Number of open connections. */
  public int connectionCount() {
    return registry.size();
  }

  /** True the first time {@code session} is forgotten. */
  boolean forget(NativeSession session, int slice) {
    return registry.remove(session, slice);
  }

  /** Stops the heartbeat. Connections stay open until their transport or the engine closes them. */
  @Override
  public void close() {
    registry.close();
  }
}
