package dev.signaling.transport.socketio.engineio;

/**
 * Receives what one client sends over its Engine.IO session. Calls for one session are made one
 * at a time, in arrival order, and {@link #onClose} comes last, exactly once. Calls may run on
 * an I/O thread: they must not block.
 */
public interface EngineIoListener {

  void onText(String message);

  /**
   * A text message that starts at {@code offset} in {@code text}: Engine.IO hands over its own
   * packet, type prefix and all, so a listener that can read from an offset saves copying the
   * message out. The default copies it out and calls {@link #onText(String)}.
   */
  default void onText(String text, int offset) {
    onText(offset == 0 ? text : text.substring(offset));
  }

  void onBinary(byte[] message);

  /** The session ended; {@code reason} is for logs ("ping timeout", "transport close"...). */
  void onClose(String reason);
}
