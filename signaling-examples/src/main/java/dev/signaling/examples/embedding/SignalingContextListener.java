package dev.signaling.examples.embedding;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/**
 * Embedding signaling in the servlet container you already run (Tomcat, Jetty, ...): deploy
 * this listener with your web app and the endpoint appears at {@code /signaling}. The README
 * quotes this class; the build keeps it compiling.
 */
@WebListener
public class SignalingContextListener implements ServletContextListener {
  private SignalingEngine engine;
  private SignalingEndpoints endpoints;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(2).build())
        .build();
    endpoints = SignalingEndpoints.create(engine, WebSocketOptions.builder().path("/signaling").build());
    ServerContainer container = (ServerContainer)
        event.getServletContext().getAttribute(ServerContainer.class.getName());
    try {
      container.addEndpoint(endpoints.config());
    } catch (DeploymentException e) {
      throw new IllegalStateException("cannot deploy the signaling endpoint", e);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    engine.close();
    endpoints.close();
  }
}
