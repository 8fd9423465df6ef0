package dev.signaling.transport.jsr356;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.jsr356.internal.HandshakeCapture;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Deploys the native signaling protocol in any JSR-356 container:
 *
 * <pre>{@code
 * SignalingEngine engine = SignalingEngine.create();
 * SignalingEndpoints endpoints = SignalingEndpoints.create(engine, WebSocketOptions.DEFAULT);
 * serverContainer.addEndpoint(endpoints.config());   // e.g. in a ServletContextListener
 * ...
 * endpoints.close();   // on shutdown: stops the heartbeat thread
 * }</pre>
 *
 * <p>The protocol's rules (size limit, heartbeat, close codes) live in signaling-core's {@link
 * NativeSessions}, shared with the other transports; this class only deploys them.
 */
public final class SignalingEndpoints implements AutoCloseable {
  private final NativeSessions sessions;
  private final ServerEndpointConfig config;

  private SignalingEndpoints(SignalingEngine engine, WebSocketOptions options) {
    this.sessions = NativeSessions.create(engine, options);
    this.config = ServerEndpointConfig.Builder.create(SignalingEndpoint.class, options.path())
        .configurator(new Configurator())
        .build();
  }

  public static SignalingEndpoints create(SignalingEngine engine, WebSocketOptions options) {
    return new SignalingEndpoints(engine, options);
  }

  /** The programmatic endpoint configuration to hand to {@code ServerContainer.addEndpoint}. */
  public ServerEndpointConfig config() {
    return config;
  }

  /** Number of open WebSocket connections. */
  public int connectionCount() {
    return sessions.connectionCount();
  }

  /** Stops the heartbeat. Connections stay open until the container or engine closes them. */
  @Override
  public void close() {
    sessions.close();
  }

  private final class Configurator extends ServerEndpointConfig.Configurator {
    @Override
    public boolean checkOrigin(String originHeaderValue) {
      return sessions.options().originPolicy().test(originHeaderValue);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      HandshakeCapture.capture(config.getUserProperties(), request);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
      Endpoint endpoint = new SignalingEndpoint(sessions);
      return endpointClass.cast(endpoint);
    }
  }
}
