package it.consumer.plain;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import it.consumer.client.Codelab;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerContainer;
import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.Test;

/** signaling-transport-jsr356 alone, deployed by hand in an embedded Tomcat, as the README shows. */
class PlainTransportIT {

  @Test
  void theCodelabScenarioRunsOnTheJsr356Endpoint() throws Exception {
    SignalingEngine engine = SignalingEngine.create();
    SignalingEndpoints endpoints = SignalingEndpoints.create(engine, WebSocketOptions.builder().path("/signaling").build());
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("consumer-tomcat").toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    tomcat.setPort(0);
    Context context = tomcat.addContext("", null);
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer((classes, servletContext) -> {
      ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
      try {
        container.addEndpoint(endpoints.config());
      } catch (jakarta.websocket.DeploymentException e) {
        throw new IllegalStateException(e);
      }
    }, null);
    // Tomcat answers 404 before any filter (the WebSocket upgrade is one) when no servlet maps the path.
    Tomcat.addServlet(context, "default", new HttpServlet() { });
    context.addServletMappingDecoded("/", "default");
    tomcat.start();
    try {
      int port = tomcat.getConnector().getLocalPort();
      Codelab.run(URI.create("ws://127.0.0.1:" + port + "/signaling"), "consumer-plain");
    } finally {
      tomcat.stop();
      tomcat.destroy();
      endpoints.close();
      engine.close();
    }
  }
}
