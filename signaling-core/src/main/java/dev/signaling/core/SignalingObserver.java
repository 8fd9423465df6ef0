package dev.signaling.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an engine reports about its work, for metrics and operational logs: connections opening,
 * changing transport and closing, join outcomes and latency, relays, errors sent to clients,
 * room backend calls and resume outcomes. Set one with {@link SignalingEngine.Builder#observer};
 * the default observes nothing. The {@code signaling-metrics-micrometer} module binds these calls
 * to a Micrometer registry; {@link #composite} combines several observers.
 *
 * <p>Every method has an empty default, so an observer implements only what it needs and new
 * methods can be added without breaking it. Arguments never carry payloads, and the enums used
 * as labels are bounded: no room names, no peer ids.
 *
 * <p>Threading: methods are called from any thread, concurrently, often on a connection's I/O
 * thread: they must be fast and must not block or throw. An exception thrown by an observer is
 * not caught for it.
 */
public interface SignalingObserver {

  /** An observer that observes nothing. */
  SignalingObserver NONE = new SignalingObserver() {};

  /**
   * Called once when {@code engine} is built, before it serves anything: the place to register
   * gauges that read the engine ({@link SignalingEngine#peerCount()}, {@link
   * SignalingEngine#connections()} ...).
   */
  default void bound(SignalingEngine engine) {}

  /** A connection was admitted ({@link Connections#admit}). */
  default void connectionOpened(Connection connection) {}

  /** A connection moved to another transport (a Socket.IO upgrade from polling to WebSocket). */
  default void connectionUpgraded(Connection connection, TransportKind from) {}

  /**
   * A connection ended with {@code closeCode} (RFC 6455 codes; transports without codes map theirs,
   * see {@link Connection#closed}) and {@code reason} (never a payload; may be empty).
   */
  default void connectionClosed(Connection connection, int closeCode, String reason) {}

  /**
   * A connection was refused before it was admitted: while draining ({@code 1012}), or by a
   * transport's own checks (an HTTP status such as 403 for a refused Origin).
   */
  default void connectionRefused(WireProtocol protocol, TransportKind transport, int code) {}

  /** A {@code create or join} ended with {@code outcome}, {@code latency} after it was handled. */
  default void joinCompleted(JoinOutcome outcome, Duration latency) {}

  /** A {@code message} was accepted for relay; {@code payloadBytes} is its JSON text's UTF-8 size. */
  default void messageRelayed(long payloadBytes) {}

  /** An {@code error} event with {@code code} was sent to {@code peer}. */
  default void errorSent(Peer peer, ErrorCode code) {}

  /** One room backend operation ({@code join}, {@code leave}) took {@code duration}; {@code failed} if it failed. */
  default void backendCall(String operation, Duration duration, boolean failed) {}

  /** A client tried to resume a session. */
  default void resumeCompleted(ResumeOutcome outcome) {}

  /** The engine began to drain ({@link SignalingEngine#drain}). */
  default void drainStarted() {}

  /** An observer that calls each of {@code observers} in turn. */
  static SignalingObserver composite(List<SignalingObserver> observers) {
    List<SignalingObserver> all = List.copyOf(observers);
    all.forEach(observer -> Objects.requireNonNull(observer, "observer"));
    if (all.size() == 1) {
      return all.get(0);
    }
    return new SignalingObserver() {
      @Override
      public void bound(SignalingEngine engine) {
        all.forEach(o -> o.bound(engine));
      }

      @Override
      public void connectionOpened(Connection connection) {
        all.forEach(o -> o.connectionOpened(connection));
      }

      @Override
      public void connectionUpgraded(Connection connection, TransportKind from) {
        all.forEach(o -> o.connectionUpgraded(connection, from));
      }

      @Override
      public void connectionClosed(Connection connection, int closeCode, String reason) {
        all.forEach(o -> o.connectionClosed(connection, closeCode, reason));
      }

      @Override
      public void connectionRefused(WireProtocol protocol, TransportKind transport, int code) {
        all.forEach(o -> o.connectionRefused(protocol, transport, code));
      }

      @Override
      public void joinCompleted(JoinOutcome outcome, Duration latency) {
        all.forEach(o -> o.joinCompleted(outcome, latency));
      }

      @Override
      public void messageRelayed(long payloadBytes) {
        all.forEach(o -> o.messageRelayed(payloadBytes));
      }

      @Override
      public void errorSent(Peer peer, ErrorCode code) {
        all.forEach(o -> o.errorSent(peer, code));
      }

      @Override
      public void backendCall(String operation, Duration duration, boolean failed) {
        all.forEach(o -> o.backendCall(operation, duration, failed));
      }

      @Override
      public void resumeCompleted(ResumeOutcome outcome) {
        all.forEach(o -> o.resumeCompleted(outcome));
      }

      @Override
      public void drainStarted() {
        all.forEach(SignalingObserver::drainStarted);
      }
    };
  }
}
