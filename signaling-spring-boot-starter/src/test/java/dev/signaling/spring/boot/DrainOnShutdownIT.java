package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signaling.examples.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the application tells connected clients to reconnect elsewhere: close 1012. */
class DrainOnShutdownIT {

  @Test
  void clientsAreClosedWith1012WhenTheApplicationStops() throws Exception {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
        .properties("server.port=0", "server.address=127.0.0.1")
        .run();
    try (TestClient alice = TestClient.connect(
        Servers.ws(((WebServerApplicationContext) context).getWebServer().getPort(), "/signaling"))) {
      alice.emit("create or join", "draining");
      alice.expect("created");
      context.close();
      assertEquals(1012, alice.awaitClose());
    } finally {
      context.close();
    }
  }
}
