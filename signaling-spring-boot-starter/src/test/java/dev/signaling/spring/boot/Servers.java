package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
