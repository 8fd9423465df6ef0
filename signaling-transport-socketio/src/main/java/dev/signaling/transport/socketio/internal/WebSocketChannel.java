package dev.signaling.transport.socketio.internal;

import java.util.function.LongConsumer;

/** The session's view of one WebSocket connection, implemented by the container adapter. */
public interface WebSocketChannel {

  /** Adds a packet to the connection's send queue; no I/O here (called under the session lock). */
  void enqueue(OutboundPacket packet);

  /** Starts sending what is queued. Never blocks; called outside every lock. */
  void flush();

  /**
   * From now on, tells {@code change} each change of the bytes waiting in the send queue (+ when
   * queued, - when sent or dropped), for the engine's send-queue gauge. Called once, before
   * anything is queued for the session.
   */
  default void onQueuedChange(LongConsumer change) {}

  /** Closes the connection after what is queued has been sent, if possible. Idempotent. */
  void close(int code, String reason);
}
