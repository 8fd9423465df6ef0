package dev.signaling.containers;

import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ListenerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12.1, ee10 environment, with its Jakarta WebSocket server. */
final class JettyContainer implements EmbeddedContainer {
  private Server server;

  @Override
  public int start(List<ServletContextListener> listeners) throws Exception {
    return start(context -> listeners.forEach(context::addEventListener));
  }

  @Override
  public int startDeclared(Class<? extends ServletContextListener> listener, Map<String, String> contextParameters)
      throws Exception {
    return start(context -> {
      contextParameters.forEach(context::setInitParameter);
      // What annotation scanning and web.xml produce: a holder Jetty instantiates.
      context.getServletHandler().addListener(new ListenerHolder(listener));
    });
  }

  private int start(Consumer<ServletContextHandler> webApp) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    // With sessions, as a web app has them (the servlet-session authenticator test logs users in).
    ServletContextHandler context = new ServletContextHandler("/", true, false);
    // Registered before the app's listeners, so the ServerContainer attribute exists when they run.
    JakartaWebSocketServletContainerInitializer.configure(context, null);
    webApp.accept(context);
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
