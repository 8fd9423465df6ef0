package dev.signaling.transport.socketio.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSR-356 WebSocket as a {@link WebSocketChannel}: a send queue drained one async send at a
 * time (Tomcat refuses a second async send while one is pending; a blocking send would stall a
 * Grizzly selector thread), bounded in bytes so a slow reader is closed rather than buffered
 * without end.
 */
final class JsrWebSocketChannel implements WebSocketChannel {
  private static final Logger log = LoggerFactory.getLogger(JsrWebSocketChannel.class);

  private final Session session;
  private final RemoteEndpoint.Async remote;
  private final OutboundQueue queue;
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closeSent = new AtomicBoolean();
  private volatile CloseReason closeWhenDrained;
  private volatile boolean broken;

  /**
   * Reports the connection's end to the session: run after this side closed it, since the
   * container's {@code onClose} may never come (see {@link #closeNow}). Idempotent on the
   * session's side.
   */
  private final Runnable ended;

  JsrWebSocketChannel(Session session, long maxQueuedBytes, Runnable ended) {
    this.session = session;
    this.ended = ended;
    this.remote = session.getAsyncRemote();
    this.queue = new OutboundQueue(maxQueuedBytes);
  }

  @Override
  public void enqueue(OutboundPacket packet) {
    if (broken || closeWhenDrained != null) {
      return;
    }
    if (!queue.offer(packet)) {
      broken = true;
      closeWhenDrained = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "send queue overflow");
    }
  }

  @Override
  public void onQueuedChange(LongConsumer change) {
    queue.onChange(change);
  }

  @Override
  public void flush() {
    drain();
  }

  @Override
  public void close(int code, String reason) {
    if (closeWhenDrained == null) {
      closeWhenDrained = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason));
    }
    drain();
  }

  private void drain() {
    while (sending.compareAndSet(false, true)) {
      OutboundPacket packet = broken ? null : queue.poll();
      if (packet == null) {
        sending.set(false);
        if (!broken && !queue.isEmpty()) {
          continue; // a packet arrived between poll and release
        }
        if (closeWhenDrained != null) {
          closeNow(closeWhenDrained);
        }
        return;
      }
      Completion completion = new Completion();
      try {
        if (packet.isBinary()) {
          remote.sendBinary(ByteBuffer.wrap(packet.binary()), completion);
        } else {
          remote.sendText(packet.text(), completion);
        }
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      if (!completion.completedBeforeReturn()) {
        return; // the container's thread continues draining when the send completes
      }
    }
  }

  private void fail(Throwable failure) {
    log.debug("WebSocket send failed on {}", session.getId(), failure);
    broken = true;
    queue.clear();
    closeNow(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed"));
  }

  /**
   * Closes the container's session, then reports the end to the Engine.IO session itself: Tyrus
   * loses {@code onClose} when this close races its own discovery of a reset connection (a send
   * failed on it while the selector read the reset; one thread marks the session closed while the
   * other's {@code onClose} checks it and throws "The connection has been closed" before calling
   * the endpoint). The Engine.IO session then stayed attached to a dead connection until its
   * ping timeout, and a reconnect within that time was not recovered.
   */
  private void closeNow(CloseReason reason) {
    if (!closeSent.compareAndSet(false, true)) {
      return;
    }
    try {
      if (session.isOpen()) {
        session.close(reason.getCloseCode() == CloseReason.CloseCodes.CLOSED_ABNORMALLY
            ? new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason.getReasonPhrase())
            : reason);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Closing WebSocket {} failed", session.getId(), e);
    }
    ended.run();
  }

  private static String truncate(String reason) {
    // A close frame's reason is at most 123 UTF-8 bytes; ours are short ASCII, cut to be sure.
    return reason.length() > 100 ? reason.substring(0, 100) : reason;
  }

  /** Tells whether the container completed a send before or after the send call returned. */
  private final class Completion implements SendHandler {
    private static final int PENDING = 0;
    private static final int EARLY = 1;
    private static final int RETURNED = 2;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    @Override
    public void onResult(SendResult result) {
      if (!result.isOK()) {
        fail(result.getException());
        return;
      }
      sending.set(false);
      if (!state.compareAndSet(PENDING, EARLY)) {
        drain(); // the sender had returned: this completion thread carries on
      }
    }

    boolean completedBeforeReturn() {
      return !state.compareAndSet(PENDING, RETURNED);
    }
  }
}
