package dev.signaling.containers;

import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/** Tomcat 11 with its WebSocket implementation (tomcat-embed-websocket). */
final class TomcatContainer implements EmbeddedContainer {
  private Tomcat tomcat;

  @Override
  public int start(List<ServletContextListener> listeners) throws Exception {
    // @WebListener classes are found by scanning in a full Tomcat; the embedded API takes them
    // explicitly, here as a container initializer would add them.
    return start(context -> context.addServletContainerInitializer(
        (classes, servletContext) -> listeners.forEach(servletContext::addListener), null));
  }

  @Override
  public int startDeclared(Class<? extends ServletContextListener> listener, Map<String, String> contextParameters)
      throws Exception {
    return start(context -> {
      contextParameters.forEach(context::addParameter);
      // What Tomcat's ContextConfig does for a @WebListener or a web.xml <listener>. (Listeners
      // added by an initializer, as above, may not add servlets.)
      context.addApplicationListener(listener.getName());
    });
  }

  private int start(Consumer<Context> webApp) throws Exception {
    tomcat = new Tomcat();
    Path baseDir = Files.createDirectories(Path.of("target", "tomcat"));
    tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    // What a full Tomcat does for a web app: WsSci is found by its ServiceLoader entry.
    context.addServletContainerInitializer(new WsSci(), null);
    webApp.accept(context);
    // Tomcat answers 404 before any filter (WsFilter does the upgrade) when no servlet maps the
    // path; a full Tomcat maps its DefaultServlet at "/" from conf/web.xml.
    Tomcat.addServlet(context, "fallback", new HttpServlet() {});
    context.addServletMappingDecoded("/", "fallback");
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
