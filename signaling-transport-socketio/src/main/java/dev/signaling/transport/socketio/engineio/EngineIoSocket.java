package dev.signaling.transport.socketio.engineio;

/**
 * One Engine.IO session, whatever transport carries it now (long-polling, WebSocket, or the
 * first then the second after an upgrade). Thread-safe; sends never block: they are queued and
 * delivered in the order queued.
 */
public interface EngineIoSocket {

  /** The session id, as the client sent it back in {@code sid}. */
  String id();

  /**
   * What the request that opened the session carried (the first polling GET or the WebSocket
   * upgrade): remote address, {@code Origin}, path, query, headers. No credential: Socket.IO
   * carries that in each namespace's CONNECT packet.
   */
  dev.signaling.core.Handshake handshake();

  /** Queues a text message. Ignored once the session is closed. */
  void sendText(String message);

  /** Queues a binary message. Ignored once the session is closed. */
  void sendBinary(byte[] message);

  /**
   * Queues a text message followed by binary messages, contiguously: no message another thread
   * sends comes between them (Socket.IO sends a packet's attachments this way).
   */
  void sendText(String message, java.util.List<byte[]> followingBinaries);

  /**
   * Asks the client for a sign of life now (a ping) and closes the session as a ping timeout
   * unless it answers within {@code within}: someone claims the client has gone (a reconnect
   * resuming its Socket.IO session) before the server noticed. The default does nothing.
   */
  default void probe(java.time.Duration within) {}

  /** Closes the session (idempotent); the listener's {@code onClose} follows, once. */
  void close();
}
