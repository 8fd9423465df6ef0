package dev.signaling.containers;

import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/** Tomcat 11 with its WebSocket implementation (tomcat-embed-websocket). */
final class TomcatContainer implements EmbeddedContainer {
  private Tomcat tomcat;

  @Override
  public int start(List<ServletContextListener> listeners) throws Exception {
    tomcat = new Tomcat();
    Path baseDir = Files.createDirectories(Path.of("target", "tomcat"));
    tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    // What a full Tomcat does for a web app: WsSci is found by its ServiceLoader entry and
    // @WebListener classes by scanning; the embedded API takes them explicitly.
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer((classes, servletContext) -> listeners.forEach(servletContext::addListener), null);
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
