package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.examples.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** What the integration tests do to a running application: over real connections only. */
final class Servers {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Servers() {}

  static URI ws(int port, String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  static URI http(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * The container the build's failsafe execution put on the class path (system property
   * {@code signaling.test.container}: tomcat or jetty) is the one serving.
   */
  static void assertServedBy(WebServerApplicationContext context) {
    String expected = System.getProperty("signaling.test.container", "tomcat");
    String server = context.getWebServer().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    assertTrue(server.startsWith(expected), "the web server serving this test is " + server + ", not " + expected);
  }

  /** The codelab: two peers pair, a third is told the room is full, messages reach the partner, bye. */
  static void codelabScenario(URI endpoint, String room) throws InterruptedException {
    try (TestClient alice = TestClient.connect(endpoint);
        TestClient bob = TestClient.connect(endpoint);
        TestClient carol = TestClient.connect(endpoint)) {
      alice.emit("create or join", room);
      JsonNode created = alice.expect("created");
      assertEquals(room, created.get(0).asText());
      String aliceId = created.get(1).asText();

      bob.emit("create or join", room);
      JsonNode joined = bob.expect("joined");
      String bobId = joined.get(1).asText();
      assertEquals(room, bob.expect("ready").get(0).asText());
      assertEquals(bobId, alice.expect("join").get(1).asText());
      assertEquals(room, alice.expect("ready").get(0).asText());

      carol.emit("create or join", room);
      assertEquals(room, carol.expect("full").get(0).asText());

      bob.emit("message", JSON.createObjectNode().put("type", "offer").put("sdp", "v=0 from bob"));
      JsonNode relayed = alice.expect("message");
      assertEquals("offer", relayed.get(0).get("type").asText());
      assertEquals(bobId, relayed.get(1).asText());
      alice.emit("message", "got user media");
      JsonNode back = bob.expect("message");
      assertEquals("got user media", back.get(0).asText());
      assertEquals(aliceId, back.get(1).asText());

      bob.emit("bye", room);
      JsonNode bye = alice.expect("bye");
      assertEquals(bobId, bye.get(1).asText());
    }
  }

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET as a page of {@code origin} sends it. */
  static HttpResponse<String> get(URI uri, String origin) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Origin", origin).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The Engine.IO handshake's JSON, opened over long-polling at {@code path}. */
  static JsonNode engineIoHandshake(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(http(port, path + "?EIO=4&transport=polling"));
    assertEquals(200, response.statusCode(), response.body());
    String body = response.body();
    assertEquals('0', body.charAt(0), body); // Engine.IO OPEN packet
    return JSON.readTree(body.substring(1));
  }
}
