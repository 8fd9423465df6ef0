package dev.signaling.transport.jsr356;

import dev.signaling.core.CloseReason;
import dev.signaling.core.transport.NativeSession;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.NativeSocket;
import dev.signaling.transport.jsr356.internal.HandshakeCapture;
import dev.signaling.transport.jsr356.internal.SendQueue;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSR-356 WebSocket connection speaking the native protocol: moves frames between the
 * container and its {@link NativeSession} (core), where the protocol's rules live. Created by
 * {@link SignalingEndpoints} per connection; uses only the {@code jakarta.websocket} API.
 *
 * <p>The container calls {@code onMessage} for one session one at a time; frames for this peer
 * arrive from any thread and go out through a {@link SendQueue}.
 *
 * <p>The upgrade request's credential ({@code token} query parameter or {@code Authorization:
 * Bearer}), address, {@code Origin}, path and query become the peer's {@link
 * dev.signaling.core.Handshake} ({@link HandshakeCapture}).
 *
 * <p>Public only because containers call it reflectively; create it through {@link
 * SignalingEndpoints}.
 */
public final class SignalingEndpoint extends Endpoint implements NativeSocket {
  private static final Logger log = LoggerFactory.getLogger(SignalingEndpoint.class);

  private final NativeSessions sessions;
  private volatile Session session;
  private volatile NativeSession nativeSession;
  private volatile SendQueue sendQueue;
  /** A close the container reported while {@link NativeSessions#open} was still running. */
  private volatile jakarta.websocket.CloseReason closedEarly;

  SignalingEndpoint(NativeSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    this.session = session;
    session.setMaxTextMessageBufferSize(sessions.options().maxTextMessageBytes());
    // The container's own idle timer would be rescheduled on every message (costly in Tyrus);
    // idle connections are found by the sessions' heartbeat instead.
    session.setMaxIdleTimeout(-1);
    // Frames are Java strings here; count chars, a close enough measure of queued bytes.
    sendQueue = new SendQueue(session.getAsyncRemote(), sessions.options().maxQueuedBytes(),
        failure -> nativeSession.sendFailed(failure), () -> nativeSession.readerTooSlow(),
        this::queued);
    NativeSession opened = sessions.open(this, HandshakeCapture.handshake(session, config).build());
    nativeSession = opened;
    jakarta.websocket.CloseReason early = closedEarly;
    if (early != null) {
      // Closed while opening (an authenticator refused at once): report it now that the session is known.
      opened.closed(early.getCloseCode().getCode(), early.getReasonPhrase());
      return;
    }
    if (!opened.isAdmitted()) {
      return; // the engine drains: closed with 1012 already
    }
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) opened::onText);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) binary -> opened.onBinary());
    session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> opened.onPong());
  }

  @Override
  public void sendText(String frame) {
    SendQueue queue = sendQueue;
    if (queue != null) {
      queue.offer(frame);
    }
  }

  @Override
  public void sendPing() {
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (IOException e) {
      log.debug("Ping of session {} failed", session.getId(), e);
    }
  }

  private void queued(long delta) {
    NativeSession current = nativeSession;
    if (current != null) {
      current.queued(delta);
    }
  }

  @Override
  public void close(CloseReason reason, String description) {
    sendQueue.close();
    closeSession(reason, description);
  }

  @Override
  public void closeAfterFlush(CloseReason reason, String description) {
    sendQueue.closeAfterFlush(() -> closeSession(reason, description));
  }

  /**
   * Closes the container's session and reports the end at once: the container's {@code onClose}
   * may never come. Tyrus loses it when this close races its own discovery of a reset connection
   * (a send failed on it while the selector read the reset: the session is marked closed by one
   * thread while the other's {@code onClose} checks it, and throws "The connection has been
   * closed" before calling the endpoint), which left the peer attached to a dead connection and
   * its resume refused as {@code in-use}. {@link NativeSession#closed} is idempotent.
   */
  private void closeSession(CloseReason reason, String description) {
    try {
      session.close(new jakarta.websocket.CloseReason(CloseCodes.getCloseCode(reason.code()), description));
    } catch (IOException | IllegalStateException e) {
      log.debug("Close of session {} failed", session.getId(), e);
    }
    NativeSession current = nativeSession;
    if (current != null) {
      current.closed(reason.code(), description);
    }
  }

  @Override
  public String id() {
    Session current = session;
    return current == null ? "(not open)" : current.getId();
  }

  @Override
  public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
    SendQueue queue = sendQueue;
    if (queue != null) {
      queue.close();
    }
    NativeSession current = nativeSession;
    if (current != null) {
      current.closed(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase());
    } else {
      closedEarly = closeReason;
    }
  }

  @Override
  public void onError(Session session, Throwable error) {
    // A frame above the size limit arrives here in some containers; they close with 1009 themselves.
    log.debug("WebSocket error on session {}", session.getId(), error);
  }
}
