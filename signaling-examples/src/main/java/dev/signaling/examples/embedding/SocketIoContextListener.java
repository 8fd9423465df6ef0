package dev.signaling.examples.embedding;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.SocketIoServletDeployer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Socket.IO clients in the servlet container you already run (Tomcat, Jetty, ...): deploy this
 * listener with your web app and socket.io answers at {@code /socket.io/} below its context
 * path, over WebSocket and long-polling. Browser pages may connect from the origins listed in
 * the context parameter {@value #ALLOWED_ORIGINS}, comma-separated; without it only non-browser
 * clients may. docs/SOCKETIO.md quotes this class; the build keeps it compiling.
 */
@WebListener
public class SocketIoContextListener implements ServletContextListener {
  /** Context parameter: browser origins allowed to connect, e.g. {@code https://app.example}. */
  public static final String ALLOWED_ORIGINS = "signaling.socketio.allowed-origins";

  private SignalingEngine engine;
  private SocketIoServer socketIo;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(2).build())
        .build();
    String origins = event.getServletContext().getInitParameter(ALLOWED_ORIGINS);
    socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(originPolicy(origins)).build())
        .signaling(engine)
        .build();
    SocketIoServletDeployer.deploy(event.getServletContext(), socketIo);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    socketIo.close();
    engine.close();
  }

  private static OriginPolicy originPolicy(String origins) {
    if (origins == null || origins.isBlank()) {
      return OriginPolicy.noBrowserOrigin();
    }
    Set<String> allowed = Arrays.stream(origins.split(","))
        .map(String::trim)
        .filter(origin -> !origin.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return OriginPolicy.allowing(allowed);
  }
}
