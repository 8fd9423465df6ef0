package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Handshake;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport as a JSR-356 programmatic endpoint: one instance per connection. A
 * connection without {@code sid} opens a new session; one with {@code sid} is an upgrade probe
 * for that polling session.
 */
public final class EngineIoWebSocketEndpoint extends Endpoint {
  private static final Logger log = LoggerFactory.getLogger(EngineIoWebSocketEndpoint.class);

  private final SessionRegistry registry;
  private volatile JsrWebSocketChannel channel;
  private volatile EngineIoSession engineSession;

  EngineIoWebSocketEndpoint(SessionRegistry registry) {
    this.registry = registry;
  }

  /** The endpoint's deployment: {@code path} such as {@code /socket.io/}; Origin checked at the upgrade. */
  public static ServerEndpointConfig config(String path, SessionRegistry registry) {
    return ServerEndpointConfig.Builder.create(EngineIoWebSocketEndpoint.class, path)
        .configurator(new ServerEndpointConfig.Configurator() {
          @Override
          public boolean checkOrigin(String origin) {
            boolean allowed = registry.allowsWebSocketOrigin(origin);
            if (!allowed) {
              log.debug("Refused WebSocket upgrade from origin {}", origin);
            }
            return allowed;
          }

          @Override
          public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            JsrHandshake.capture(config.getUserProperties(), request);
          }

          @Override
          public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new EngineIoWebSocketEndpoint(registry));
          }
        })
        .build();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    int maxPayload = registry.config().maxPayload();
    session.setMaxTextMessageBufferSize(maxPayload);
    session.setMaxBinaryMessageBufferSize(maxPayload);
    // Idleness is the heartbeat's job; a container idle timer would only cost wake-ups.
    session.setMaxIdleTimeout(-1);
    Handshake handshake = JsrHandshake.of(session, config); // also lets the upgrade request's objects go
    JsrWebSocketChannel opened = new JsrWebSocketChannel(session, registry.config().maxQueuedBytes(), this::ended);
    channel = opened;
    // Handlers first: a new session's handshake goes out at once, and the answer may follow fast.
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
    SessionRegistry.WebSocketOpening opening = registry.acceptWebSocket(session.getQueryString(), opened, handshake);
    if (opening.refusal() != null) {
      refuse(session, opening.refusal());
      return;
    }
    engineSession = opening.session();
  }

  private void onText(String frame) {
    EngineIoSession current = engineSession;
    if (current != null) {
      current.webSocketText(channel, frame);
    }
  }

  private void onBinary(ByteBuffer frame) {
    EngineIoSession current = engineSession;
    if (current != null) {
      byte[] data = new byte[frame.remaining()];
      frame.get(data);
      current.webSocketBinary(channel, data);
    }
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    ended();
  }

  /** The connection ended: reported by the container, or by the channel after closing it. */
  private void ended() {
    EngineIoSession current = engineSession;
    if (current != null) {
      current.webSocketClosed(channel);
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    log.debug("WebSocket {} failed", session.getId(), failure); // onClose follows
  }

  private static void refuse(Session session, String problem) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, problem));
    } catch (IOException e) {
      log.debug("Closing refused WebSocket failed", e);
    }
  }
}
