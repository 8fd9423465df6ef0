package dev.signaling.containers;

import jakarta.servlet.ServletContextListener;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12.1, ee10 environment, with its Jakarta WebSocket server. */
final class JettyContainer implements EmbeddedContainer {
  private Server server;

  @Override
  public int start(List<ServletContextListener> listeners) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    // Registered before the app's listeners, so the ServerContainer attribute exists when they run.
    JakartaWebSocketServletContainerInitializer.configure(context, null);
    listeners.forEach(context::addEventListener);
    server.setHandler(context);
    server.start();
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
