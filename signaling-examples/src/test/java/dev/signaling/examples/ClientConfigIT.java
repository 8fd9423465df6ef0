package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code GET /config} hands the web client the ICE servers the server was started with. */
class ClientConfigIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  // HTTP/1.1 as browsers speak it: Grizzly answers a request carrying the JDK's default
  // "Upgrade: h2c" without Content-Type or Content-Length.
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private static HttpResponse<String> get(ExampleServer server, String path, String method) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutIceServersTheConfigListsNoneAndNamesNoPublicHost() throws Exception {
    try (ExampleServer server = DemoServers.start()) {
      HttpResponse<String> response = get(server, "/config", "GET");
      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
      assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
      assertEquals(JSON.readTree("{\"iceServers\":[]}"), JSON.readTree(response.body()));
    }
  }

  @Test
  void iceServerOptionsAreServedAsAnRtcConfiguration() throws Exception {
    try (ExampleServer server = DemoServers.start(
        "--ice-server", "stun:127.0.0.1:3478", "--ice-server", "turn:127.0.0.1:3478?transport=udp")) {
      JsonNode config = JSON.readTree(get(server, "/config", "GET").body());
      assertEquals(JSON.readTree("{\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"]},"
          + "{\"urls\":[\"turn:127.0.0.1:3478?transport=udp\"]}]}"), config);
    }
  }

  @Test
  void turnOptionsGoTogetherAndTheSecretFileMustHoldASecret(@TempDir Path directory) throws Exception {
    CommandLine.ParameterException alone = assertThrows(CommandLine.ParameterException.class,
        () -> DemoServers.start("--turn-url", "turn:127.0.0.1:3478?transport=udp"));
    assertTrue(alone.getMessage().contains("--turn-secret-file"), alone.getMessage());

    Path empty = Files.writeString(directory.resolve("empty"), "\n");
    CommandLine.ParameterException blank = assertThrows(CommandLine.ParameterException.class,
        () -> DemoServers.start("--turn-url", "turn:127.0.0.1:3478", "--turn-secret-file", empty.toString()));
    assertTrue(blank.getMessage().contains("is empty"), blank.getMessage());

    Path secret = Files.writeString(directory.resolve("secret"), "s3cret\n");
    CommandLine.ParameterException stun = assertThrows(CommandLine.ParameterException.class,
        () -> DemoServers.start("--turn-url", "stun:127.0.0.1:3478", "--turn-secret-file", secret.toString()));
    assertTrue(stun.getMessage().contains("turn: or turns:"), stun.getMessage());
    CommandLine.ParameterException missing = assertThrows(CommandLine.ParameterException.class,
        () -> DemoServers.start("--turn-url", "turn:127.0.0.1:3478", "--turn-secret-file", directory.resolve("nope").toString()));
    assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
  }

  @Test
  void configIsNotARoomAndRefusesWrites() throws Exception {
    try (ExampleServer server = DemoServers.start()) {
      assertEquals(405, get(server, "/config", "POST").statusCode());
      HttpResponse<String> room = get(server, "/configuration", "GET");
      assertEquals(200, room.statusCode());
      assertEquals("text/html", room.headers().firstValue("Content-Type").orElseThrow().split(";")[0],
          "a room path next to /config still gets the page");
    }
  }
}
