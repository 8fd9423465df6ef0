package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.transport.socketio.JavaClientCodelab;
import dev.signaling.transport.socketio.JavaClientPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Socket.IO on the example server as {@code java -jar signaling-server.jar} starts it: the real
 * Java socket.io client at {@code /socket.io/}, beside native peers, and the pages and script a
 * codelab-shaped app loads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoExampleServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ExampleServer server;

  @BeforeAll
  void startServer() throws Exception {
    server = DemoServers.start();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {JavaClientCodelab.WEBSOCKET, JavaClientCodelab.POLLING, JavaClientCodelab.POLLING_THEN_WEBSOCKET})
  void socketIoClientsRunTheCodelabScenario(String setup) throws Exception {
    JavaClientCodelab.run(server.url(), setup, alice -> { });
  }

  @Test
  void aSocketIoPeerAndANativePeerShareARoom() throws Exception {
    URI nativeUri = URI.create(server.url().replaceFirst("^http", "ws") + "signaling");
    try (TestClient nativePeer = TestClient.connect(nativeUri)) {
      nativePeer.emit("create or join", "mixed");
      JsonNode created = nativePeer.nextSkippingLogs();
      assertEquals("created", created.get("event").asText());
      String nativeId = created.get("args").get(1).asText();

      String socketIoId;
      JavaClientPeer socketIoPeer = new JavaClientPeer(server.url(),
          JavaClientCodelab.transports(JavaClientCodelab.POLLING_THEN_WEBSOCKET));
      try {
        socketIoPeer.emit("create or join", "mixed");
        String joined = socketIoPeer.next();
        assertTrue(joined.startsWith("joined mixed "), joined);
        socketIoId = joined.substring(joined.lastIndexOf(' ') + 1);
        assertEquals("ready mixed", socketIoPeer.next());
        assertEquals(JSON.readTree("{\"event\":\"join\",\"args\":[\"mixed\",\"" + socketIoId + "\"]}"),
            nativePeer.nextSkippingLogs());
        assertEquals("ready", nativePeer.nextSkippingLogs().get("event").asText());

        socketIoPeer.emit("message", new JSONObject().put("type", "offer").put("sdp", "from socket.io"));
        assertEquals(JSON.readTree("{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"from socket.io\"},\""
            + socketIoId + "\"]}"), nativePeer.nextSkippingLogs());
        nativePeer.emit("message", JSON.readTree("{\"type\":\"answer\",\"sdp\":\"from native\"}"));
        assertEquals("message {\"type\":\"answer\",\"sdp\":\"from native\"} " + nativeId, socketIoPeer.next());
      } finally {
        socketIoPeer.close();
      }
      // The socket.io peer's disconnect leaves the room like a native close does.
      assertEquals(JSON.readTree("{\"event\":\"bye\",\"args\":[\"mixed\",\"" + socketIoId + "\"]}"),
          nativePeer.nextSkippingLogs());
    }
  }

  @Test
  void theClientScriptAndTheCodelabShapedPageAreServed() throws Exception {
    HttpResponse<String> script = get("socket.io/socket.io.js");
    assertEquals(200, script.statusCode());
    assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
        script.headers().toString());
    assertEquals(resource("/dev/signaling/transport/socketio/socket.io.js"), script.body(), "the library's own client");

    HttpResponse<String> page = get("socketio/index.html");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"/socket.io/socket.io.js\"></script>"), page.body());
    assertEquals(200, get("socketio/main.js").statusCode());
  }

  private static String resource(String name) throws Exception {
    try (var in = SocketIoExampleServerIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(5)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
