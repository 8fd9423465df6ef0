package dev.signaling.spring.boot.internal;

import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.SocketIoServletDeployer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Mounts signaling in the application's servlet context, embedded (Tomcat, Jetty) or in a WAR:
 * the Socket.IO polling servlet at once, and the WebSocket endpoints once the context is
 * initialized. Boot runs initializers before Tomcat's WebSocket initializer has created the
 * JSR-356 {@link ServerContainer}, so the endpoints go in from a listener, which every
 * container calls after all initializers.
 */
public final class SignalingServletInitializer implements ServletContextInitializer {
  private final List<ServerEndpointConfig> endpoints;
  private final SocketIoServer socketIo;

  /**
   * @param endpoints the WebSocket endpoints to deploy (native and Socket.IO, as enabled)
   * @param socketIo whose polling servlet to register, or null when Socket.IO is off
   */
  public SignalingServletInitializer(List<ServerEndpointConfig> endpoints, SocketIoServer socketIo) {
    this.endpoints = List.copyOf(endpoints);
    this.socketIo = socketIo;
  }

  @Override
  public void onStartup(ServletContext context) {
    if (socketIo != null) {
      SocketIoServletDeployer.deployPolling(context, socketIo);
    }
    if (!endpoints.isEmpty()) {
      context.addListener(new EndpointDeployer(endpoints));
    }
  }

  /** Adds the endpoints to the container's {@link ServerContainer} when the context is initialized. */
  private static final class EndpointDeployer implements ServletContextListener {
    private final List<ServerEndpointConfig> endpoints;

    EndpointDeployer(List<ServerEndpointConfig> endpoints) {
      this.endpoints = endpoints;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      ServletContext context = event.getServletContext();
      if (!(context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container)) {
        throw new IllegalStateException("no JSR-356 ServerContainer in the servlet context '"
            + context.getContextPath() + "': signaling needs the container's WebSocket support"
            + " (Tomcat: tomcat-embed-websocket; Jetty: jetty-ee11-websocket-jakarta-server, both"
            + " brought by spring-boot-starter-tomcat and spring-boot-starter-jetty), or set"
            + " signaling.websocket.enabled=false and signaling.socketio.enabled=false");
      }
      for (ServerEndpointConfig endpoint : endpoints) {
        try {
          container.addEndpoint(endpoint);
        } catch (DeploymentException e) {
          throw new IllegalStateException("cannot deploy the signaling endpoint at " + endpoint.getPath(), e);
        }
      }
    }
  }
}
