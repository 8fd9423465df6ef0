package dev.signaling.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.examples.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example application as a browser and the codelab's clients meet it, on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signaling.ice-servers[0].urls=stun:stun.example.org:3478")
class SignalingBootApplicationIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheWebAppForTheRootAndForEveryRoomPath() throws Exception {
    HttpResponse<String> root = get("/");
    assertEquals(200, root.statusCode());
    assertTrue(root.body().contains("js/signaling.js"), root.body());
    HttpResponse<String> room = get("/myroom");
    assertEquals(200, room.statusCode());
    assertEquals(root.body(), room.body());
    assertEquals(200, get("/js/signaling.js").statusCode());
    assertEquals(200, get("/js/main.js").statusCode());
    assertEquals(200, get("/css/main.css").statusCode());
    assertEquals(200, get("/socketio/index.html").statusCode());
    assertEquals(404, get("/nothing/here.js").statusCode());
  }

  @Test
  void configHandsPagesTheIceServersUncached() throws Exception {
    HttpResponse<String> config = get("/config");
    assertEquals(200, config.statusCode());
    assertTrue(config.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
    JsonNode body = JSON.readTree(config.body());
    assertEquals("{\"iceServers\":[{\"urls\":[\"stun:stun.example.org:3478\"]}]}", body.toString());
  }

  @Test
  void socketIoServesItsClientScript() throws Exception {
    HttpResponse<String> script = get("/socket.io/socket.io.js");
    assertEquals(200, script.statusCode());
    assertTrue(script.body().contains("io"), script.body());
  }

  @Test
  void twoPagesOfARoomPairOverTheNativeEndpointAndTheMuteEventIsAcknowledged() throws Exception {
    URI endpoint = URI.create("ws://127.0.0.1:" + port + "/signaling");
    try (TestClient alice = TestClient.connect(endpoint); TestClient bob = TestClient.connect(endpoint)) {
      alice.emit("create or join", "boot-demo");
      assertEquals("created", alice.nextSkippingLogs().get("event").asText());
      bob.emit("create or join", "boot-demo");
      assertEquals("joined", bob.nextSkippingLogs().get("event").asText());
      assertEquals("ready", bob.nextSkippingLogs().get("event").asText());
      assertEquals("join", alice.nextSkippingLogs().get("event").asText());
      assertEquals("ready", alice.nextSkippingLogs().get("event").asText());
      bob.emit("message", "hello");
      JsonNode relayed = alice.nextSkippingLogs();
      assertEquals("message", relayed.get("event").asText(), relayed.toString());
      assertEquals("hello", relayed.get("args").get(0).asText());

      alice.sendText("{\"event\":\"mute\",\"args\":[true],\"id\":1}");
      JsonNode ack = alice.nextSkippingLogs();
      assertEquals("ack", ack.get("event").asText(), ack.toString());
      assertTrue(ack.get("args").get(0).asBoolean());
    }
  }
}
