package dev.signaling.core.transport;

import dev.signaling.core.CloseReason;

/**
 * One WebSocket connection as the native protocol's {@link NativeSession} sees it: implemented
 * by each transport adapter (JSR-356, Netty) in a few lines.
 *
 * <p>Threading: {@link #sendText} is called from any thread, possibly concurrently; frames sent
 * from one thread must leave in the order sent. No method may block.
 */
public interface NativeSocket {

  /**
   * Queues one text frame. Never blocks. A transport whose reader falls more than {@link
   * WebSocketOptions#maxQueuedBytes()} behind calls {@link NativeSession#readerTooSlow()}; a
   * failed write calls {@link NativeSession#sendFailed(Throwable)}.
   */
  void sendText(String frame);

  /** Sends a ping frame (the heartbeat's). Never blocks; failures are ignored. */
  void sendPing();

  /**
   * Drops what is queued and closes the connection with {@code reason}'s code and {@code
   * description} (short ASCII). Called at most once per session. The transport then reports
   * the end through {@link NativeSession#closed(int, String)}.
   */
  void close(CloseReason reason, String description);

  /**
   * Like {@link #close}, but sends what is queued first: used when the engine drains (1012), so
   * nothing already relayed to this client is lost. Transports whose queue cannot be flushed
   * before a close may keep this default, which drops it.
   */
  default void closeAfterFlush(CloseReason reason, String description) {
    close(reason, description);
  }

  /** A name for log lines (a session or channel id); never a secret. */
  String id();
}
