package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.CodelabScenario;
import dev.signaling.examples.TestClient;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import dev.signaling.transport.socketio.NodeTestRun;
import dev.signaling.transport.socketio.SocketIoServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The starter with no configuration at all, on the embedded container the build put on the class
 * path (run once on Tomcat, once on Jetty): native clients and socket.io clients on the
 * application's own port, application events from {@code EventHandler} beans.
 */
@SpringBootTest(classes = EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalingStarterIT {
  private static final Path NODE_TESTS = Path.of("target/node");

  @LocalServerPort
  int port;

  @Autowired
  WebServerApplicationContext context;

  @Autowired
  SignalingEngine engine;

  @Test
  void runsOnTheContainerOnTheClassPathWithEveryBeanAutoConfigured() {
    Servers.assertServedBy(context);
    assertNotNull(context.getBean(SignalingEndpoints.class));
    assertSame(engine, context.getBean(SignalingEngine.class));
    assertEquals("/socket.io/", context.getBean(SocketIoServer.class).path());
  }

  @Test
  void codelabScenarioOverTheNativeEndpoint() throws Exception {
    CodelabScenario.twoPeersPairTheThirdIsFullAndMessagesStayInTheRoom(Servers.ws(port, "/signaling"), "boot-native");
  }

  @Test
  void anEventHandlerBeanAnswersWithAnAcknowledgement() throws Exception {
    try (TestClient client = TestClient.connect(Servers.ws(port, "/signaling"))) {
      client.sendText("{\"event\":\"echo\",\"args\":[\"ping\",{\"n\":42}],\"id\":7}");
      JsonNode ack = client.next();
      assertEquals("ack", ack.get("event").asText(), ack.toString());
      assertEquals(7, ack.get("id").asInt());
      assertEquals("[\"ping\",{\"n\":42}]", ack.get("args").toString());
    }
  }

  @Test
  void anEventNoBeanHandlesIsAnErrorNotACrash() throws Exception {
    try (TestClient client = TestClient.connect(Servers.ws(port, "/signaling"))) {
      client.emit("nobody-handles-this", 1);
      JsonNode error = client.expect("error").get(0);
      assertEquals("unknown-event", error.get("code").asText(), error.toString());
      // The connection lives on.
      client.sendText("{\"event\":\"echo\",\"args\":[1],\"id\":1}");
      assertEquals("ack", client.next().get("event").asText());
    }
  }

  @Test
  void socketIoAnswersOnTheSamePort() throws Exception {
    JsonNode open = Servers.engineIoHandshake(port, "/socket.io/");
    assertTrue(open.get("sid").asText().length() > 0, open.toString());
    assertEquals(25000, open.get("pingInterval").asInt());
    assertEquals(20000, open.get("pingTimeout").asInt());
  }

  /**
   * The socketio module's own Node codelab test (its test-jar, unpacked into target/node by the
   * build, which runs {@code npm ci} there): the real socket.io-client on WebSocket, polling and
   * polling upgraded, acknowledgements from the {@code echo} bean, the CONNECT payload through
   * the {@code whoami} bean, an unknown namespace refused.
   */
  @Test
  void theRealSocketIoClientRunsTheCodelabOnWebSocketAndPolling() throws Exception {
    String output = NodeTestRun.run(NODE_TESTS, Map.of("SERVER_URL", "http://127.0.0.1:" + port), "codelab.test.js");
    assertTrue(output.contains("codelab scenario over polling then websocket"), output);
    assertTrue(output.contains("the CONNECT payload (auth) reaches the application"), output);
  }
}
