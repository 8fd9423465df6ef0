package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.examples.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With Boot's actuator and signaling-metrics-micrometer on the class path, the engine reports to
 * the application's MeterRegistry and to its health endpoint.
 */
@SpringBootTest(classes = EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.endpoint.health.show-details=always",
        "management.endpoints.web.exposure.include=health,metrics"})
class ActuatorIT {
  @LocalServerPort
  int port;

  @Autowired
  MeterRegistry registry;

  @Test
  void joinsAreCountedOnTheApplicationsMeterRegistryAndHealthShowsTheEngine() throws Exception {
    double before = registry.get("signaling.joins").tag("outcome", "created").counter().count();
    try (TestClient alice = TestClient.connect(Servers.ws(port, "/signaling"))) {
      alice.emit("create or join", "metered");
      alice.expect("created");
      assertEquals(before + 1, registry.get("signaling.joins").tag("outcome", "created").counter().count());

      HttpResponse<String> metrics = Servers.get(Servers.http(port, "/actuator/metrics/signaling.joins"));
      assertEquals(200, metrics.statusCode(), metrics.body());

      HttpResponse<String> health = Servers.get(Servers.http(port, "/actuator/health"));
      assertEquals(200, health.statusCode(), health.body());
      JsonNode signaling = Servers.JSON.readTree(health.body()).path("components").path("signaling");
      assertEquals("UP", signaling.path("status").asText(), health.body());
      assertEquals("rooms in this process", signaling.path("details").path("backend").asText(), health.body());
      assertTrue(signaling.path("details").path("peers").asInt() >= 1, health.body());
    }
  }
}
