package dev.signaling.core.transport;

import dev.signaling.core.CloseReason;
import dev.signaling.core.protocol.Utf8Frame;
import java.nio.charset.StandardCharsets;

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

  /**
   * Whether this transport writes text frames from their UTF-8 bytes ({@link #sendText(Utf8Frame)}):
   * the session then encodes events to bytes and never to {@code String}s. Asked once, when the
   * session opens.
   */
  default boolean writesUtf8() {
    return false;
  }

  /**
   * Queues one text frame given as its UTF-8 bytes, as {@link #sendText(String)}. The array is
   * the caller's and may be sent on other sockets too: read it, never change it. The default
   * decodes it for {@link #sendText(String)}.
   */
  default void sendText(byte[] utf8) {
    sendText(new String(utf8, StandardCharsets.UTF_8));
  }

  /**
   * Queues one text frame given as its UTF-8 bytes in pieces ({@link Utf8Frame#writeTo}), for
   * a transport that copies them straight into its own outbound buffer. The frame may be sent on
   * other sockets too. The default sends {@link Utf8Frame#toArray()} with {@link
   * #sendText(byte[])}.
   */
  default void sendText(Utf8Frame frame) {
    sendText(frame.toArray());
  }

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
