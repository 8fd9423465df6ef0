package dev.signaling.transport.socketio.internal;

/** The session's view of one WebSocket connection, implemented by the container adapter. */
public interface WebSocketChannel {

  /** Adds a packet to the connection's send queue; no I/O here (called under the session lock). */
  void enqueue(OutboundPacket packet);

  /** Starts sending what is queued. Never blocks; called outside every lock. */
  void flush();

  /** Closes the connection after what is queued has been sent, if possible. Idempotent. */
  void close(int code, String reason);
}
