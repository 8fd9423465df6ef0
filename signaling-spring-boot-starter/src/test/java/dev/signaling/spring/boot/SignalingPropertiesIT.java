package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.examples.TestClient;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** {@code signaling.*} properties change what clients see: capacity, paths, ping settings, origins. */
@SpringBootTest(classes = EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "signaling.room-capacity=3",
        "signaling.path=/rtc",
        "signaling.allowed-origins=https://app.example",
        "signaling.socketio.path=/live/",
        "signaling.socketio.ping-interval=7s",
        "signaling.socketio.ping-timeout=3s",
    })
class SignalingPropertiesIT {
  @LocalServerPort
  int port;

  @Autowired
  WebServerApplicationContext context;

  @Test
  void aRoomHoldsTheConfiguredCapacityAtTheConfiguredPath() throws Exception {
    Servers.assertServedBy(context);
    String room = "three";
    try (TestClient a = TestClient.connect(Servers.ws(port, "/rtc"), "https://app.example");
        TestClient b = TestClient.connect(Servers.ws(port, "/rtc"), "https://app.example");
        TestClient c = TestClient.connect(Servers.ws(port, "/rtc"), "https://app.example");
        TestClient d = TestClient.connect(Servers.ws(port, "/rtc"), "https://app.example")) {
      a.emit("create or join", room);
      a.expect("created");
      b.emit("create or join", room);
      b.expect("joined");
      c.emit("create or join", room);
      JsonNode joined = c.expect("joined");
      assertEquals(room, joined.get(0).asText());
      d.emit("create or join", room);
      assertEquals(room, d.expect("full").get(0).asText());
    }
  }

  @Test
  void theDefaultPathIsNotServedAndOtherOriginsAreRefused() {
    assertThrows(CompletionException.class, () -> TestClient.connect(Servers.ws(port, "/signaling")));
    assertThrows(CompletionException.class,
        () -> TestClient.connect(Servers.ws(port, "/rtc"), "https://evil.example"));
  }

  @Test
  void socketIoAnswersAtItsPathWithItsPingSettings() throws Exception {
    JsonNode open = Servers.engineIoHandshake(port, "/live/");
    assertEquals(7000, open.get("pingInterval").asInt(), open.toString());
    assertEquals(3000, open.get("pingTimeout").asInt(), open.toString());
    int status = Servers.get(Servers.http(port, "/socket.io/?EIO=4&transport=polling")).statusCode();
    assertTrue(status >= 400, "the default socket.io path answered " + status);
  }

  @Test
  void socketIoAdmitsTheAllowedOriginOnly() throws Exception {
    assertEquals(200, Servers.get(Servers.http(port, "/live/?EIO=4&transport=polling"), "https://app.example").statusCode());
    assertEquals(403, Servers.get(Servers.http(port, "/live/?EIO=4&transport=polling"), "https://evil.example").statusCode());
  }
}
