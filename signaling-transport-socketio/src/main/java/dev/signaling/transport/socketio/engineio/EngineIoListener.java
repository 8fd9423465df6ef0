package dev.signaling.transport.socketio.engineio;

/**
 * Receives what one client sends over its Engine.IO session. Calls for one session are made one
 * at a time, in arrival order, and {@link #onClose} comes last, exactly once. Calls may run on
 * an I/O thread: they must not block.
 */
public interface EngineIoListener {

  void onText(String message);

  void onBinary(byte[] message);

  /** The session ended; {@code reason} is for logs ("ping timeout", "transport close"...). */
  void onClose(String reason);
}
