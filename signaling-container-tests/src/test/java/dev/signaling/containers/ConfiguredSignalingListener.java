package dev.signaling.containers;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/**
 * The README's SignalingContextListener with the settings as parameters, for the behaviours its
 * fixed settings cannot show (origin policy, room capacity, short heartbeats).
 */
final class ConfiguredSignalingListener implements ServletContextListener {
  private final SignalingConfig config;
  private final WebSocketOptions options;
  private SignalingEngine engine;
  private SignalingEndpoints endpoints;

  ConfiguredSignalingListener(SignalingConfig config, WebSocketOptions options) {
    this.config = config;
    this.options = options;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    engine = SignalingEngine.builder().config(config).build();
    endpoints = SignalingEndpoints.create(engine, options);
    ServerContainer container = (ServerContainer)
        event.getServletContext().getAttribute(ServerContainer.class.getName());
    try {
      container.addEndpoint(endpoints.config());
    } catch (DeploymentException e) {
      throw new IllegalStateException("cannot deploy " + options.path(), e);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    engine.close();
    endpoints.close();
  }
}
