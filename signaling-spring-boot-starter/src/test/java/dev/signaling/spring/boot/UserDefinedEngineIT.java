package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application's own {@code SignalingEngine} bean replaces the auto-configured one, and both
 * transports serve it: here, rooms of one and its own "hello" event.
 */
@SpringBootTest(classes = {EchoApplication.class, UserDefinedEngineIT.OwnEngine.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserDefinedEngineIT {
  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @TestConfiguration(proxyBeanMethods = false)
  static class OwnEngine {
    static final SignalingEngine ENGINE = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(1).build())
        .on("hello", (peer, args, ack) -> ack.reply(java.util.List.of(
            com.fasterxml.jackson.databind.node.TextNode.valueOf("hello from the application's engine"))))
        .build();

    @Bean
    SignalingEngine myEngine() {
      return ENGINE;
    }
  }

  @Test
  void theApplicationsEngineIsTheOneServed() throws Exception {
    assertSame(OwnEngine.ENGINE, context.getBean(SignalingEngine.class));
    assertEquals(1, context.getBeansOfType(SignalingEngine.class).size());
    try (TestClient alone = TestClient.connect(Servers.ws(port, "/signaling"));
        TestClient second = TestClient.connect(Servers.ws(port, "/signaling"))) {
      alone.emit("create or join", "solo");
      alone.expect("created");
      second.emit("create or join", "solo");
      assertEquals("solo", second.expect("full").get(0).asText());

      alone.sendText("{\"event\":\"hello\",\"args\":[],\"id\":3}");
      JsonNode ack = alone.next();
      assertEquals("ack", ack.get("event").asText(), ack.toString());
      assertEquals("hello from the application's engine", ack.get("args").get(0).asText());

      // The application's engine has no "echo": the EventHandler beans went to no engine.
      alone.sendText("{\"event\":\"echo\",\"args\":[],\"id\":4}");
      assertEquals("unknown-event", alone.expect("error").get(0).get("code").asText());
    }
    // Socket.IO is deployed on the application's engine too.
    assertSame(OwnEngine.ENGINE, context.getBean(SignalingEngine.class));
    assertFalse(Servers.engineIoHandshake(port, "/socket.io/").get("sid").asText().isEmpty());
  }
}
