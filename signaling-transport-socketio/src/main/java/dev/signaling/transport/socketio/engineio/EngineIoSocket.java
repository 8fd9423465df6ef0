package dev.signaling.transport.socketio.engineio;

/**
 * One Engine.IO session, whatever transport carries it now (long-polling, WebSocket, or the
 * first then the second after an upgrade). Thread-safe; sends never block: they are queued and
 * delivered in the order queued.
 */
public interface EngineIoSocket {

  /** The session id, as the client sent it back in {@code sid}. */
  String id();

  /** Queues a text message. Ignored once the session is closed. */
  void sendText(String message);

  /** Queues a binary message. Ignored once the session is closed. */
  void sendBinary(byte[] message);

  /** Closes the session (idempotent); the listener's {@code onClose} follows, once. */
  void close();
}
