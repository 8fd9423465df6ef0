package dev.signaling.transport.socketio;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.util.Objects;
import java.util.Set;

/**
 * Mounts a {@link SocketIoServer} in a servlet web app (Tomcat, Jetty, any Servlet 6 container
 * with JSR-356): the WebSocket endpoint at {@code path()} through the container's {@link
 * ServerContainer}, and the long-polling servlet, async, at {@code path() + "*"}; clients get
 * both transports and the upgrade between them, at {@code /socket.io/} below the web app's
 * context path.
 *
 * <pre>{@code
 * @WebListener
 * public class MySocketIoListener implements ServletContextListener {
 *   public void contextInitialized(ServletContextEvent event) {
 *     socketIo = SocketIoServer.builder().signaling(engine).build();
 *     SocketIoServletDeployer.deploy(event.getServletContext(), socketIo);
 *   }
 *   public void contextDestroyed(ServletContextEvent event) {
 *     socketIo.close();
 *   }
 * }
 * }</pre>
 *
 * <p>Call it while the web app starts: from {@code contextInitialized} of a listener declared
 * with {@code @WebListener} or in {@code web.xml}, or from a {@code ServletContainerInitializer}.
 * (The Servlet specification forbids adding servlets from listeners that were themselves added
 * programmatically.)
 */
public final class SocketIoServletDeployer {

  private SocketIoServletDeployer() {}

  /**
   * Deploys both transports of {@code socketIo} in {@code context}.
   *
   * @throws IllegalStateException when the container offers no JSR-356 {@link ServerContainer},
   *     or the path is taken by another endpoint or servlet
   */
  public static void deploy(ServletContext context, SocketIoServer socketIo) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(socketIo, "socketIo");
    String path = socketIo.path();
    if (!(context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container)) {
      throw new IllegalStateException("no JSR-356 ServerContainer in web app '" + context.getContextPath()
          + "': enable the container's WebSocket support (Tomcat: tomcat-websocket; Jetty: ee10-websocket-jakarta)");
    }
    try {
      container.addEndpoint(socketIo.webSocketEndpoint());
    } catch (DeploymentException e) {
      throw new IllegalStateException("cannot deploy the socket.io WebSocket endpoint at " + path, e);
    }
    deployPolling(context, socketIo);
  }

  /**
   * Registers only the long-polling servlet (async, at {@code path() + "*"}). For frameworks that
   * register servlets before the container's {@link ServerContainer} exists and deploy {@link
   * SocketIoServer#webSocketEndpoint()} themselves later (Spring Boot's embedded Tomcat creates
   * it after the application's initializers ran).
   *
   * @throws IllegalStateException when the path or the servlet's name is taken
   */
  public static void deployPolling(ServletContext context, SocketIoServer socketIo) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(socketIo, "socketIo");
    String path = socketIo.path();
    String name = "socket.io " + path;
    ServletRegistration.Dynamic polling = context.addServlet(name, socketIo.pollingServlet());
    if (polling == null) {
      throw new IllegalStateException("a servlet named '" + name + "' is registered already");
    }
    polling.setAsyncSupported(true); // held polls and bodies are asynchronous
    Set<String> taken = polling.addMapping(path + "*");
    if (!taken.isEmpty()) {
      throw new IllegalStateException("cannot map the socket.io polling servlet: " + taken + " is mapped already");
    }
  }
}
