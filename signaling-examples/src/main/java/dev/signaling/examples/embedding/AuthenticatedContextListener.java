package dev.signaling.examples.embedding;

import dev.signaling.core.Authenticator;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SignalingContextListener} with a custom {@link Authenticator}: only users logged in to
 * the web app (a servlet session holding the attribute {@value #USER_ATTRIBUTE}) may connect,
 * and each may enter the rooms listed in the session attribute {@value #ROOMS_ATTRIBUTE} (a
 * {@code Set<String>}; any room when absent). Pages of the same origin send the session cookie
 * with their WebSocket upgrade. README and docs/AUTH.md quote this class; the container tests
 * run its authenticator in Tomcat and Jetty.
 */
@WebListener
public class AuthenticatedContextListener implements ServletContextListener {
  /** The session attribute your login code sets to the user's name. */
  public static final String USER_ATTRIBUTE = "user";
  /** The session attribute listing the rooms the user may enter (optional). */
  public static final String ROOMS_ATTRIBUTE = "rooms";

  /** Admits the upgrade request's logged-in user; refuses everyone else ({@code unauthorized}). */
  public static final Authenticator LOGGED_IN_USERS = handshake ->
      handshake.attribute(Handshake.HTTP_SESSION, HttpSession.class)
          .filter(session -> session.getAttribute(USER_ATTRIBUTE) instanceof String)
          .map(session -> CompletableFuture.completedStage(identity(session)))
          .orElseGet(() -> Authenticator.refuse("not logged in"));

  private SignalingEngine engine;
  private SignalingEndpoints endpoints;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(2).build())
        .authenticator(LOGGED_IN_USERS)
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

  private static Identity identity(HttpSession session) {
    Identity.Builder identity = Identity.builder((String) session.getAttribute(USER_ATTRIBUTE));
    if (session.getAttribute(ROOMS_ATTRIBUTE) instanceof Set<?> rooms) {
      identity.rooms(room -> rooms.contains(room));
    }
    return identity.build();
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    engine.close();
    endpoints.close();
  }
}
