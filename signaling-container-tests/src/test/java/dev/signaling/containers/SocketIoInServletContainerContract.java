package dev.signaling.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.examples.TestClient;
import dev.signaling.examples.embedding.SocketIoContextListener;
import dev.signaling.transport.socketio.JavaClientCodelab;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Socket.IO inside a real servlet container, deployed as docs/SOCKETIO.md tells users: the
 * {@link SocketIoContextListener} sample, declared as a {@code @WebListener} would be, mounts
 * the long-polling servlet and the WebSocket endpoint at {@code /socket.io/}; one browser
 * origin is allowed through its context parameter. No Grizzly is on the class path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SocketIoInServletContainerContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD_ORIGIN = "https://good.example";
  private static final String EVIL_ORIGIN = "https://evil.example";
  private static final int MAX_PAYLOAD = 1_000_000; // SocketIoConfig's default, which the sample keeps
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // as socket.io clients poll
      .connectTimeout(Duration.ofSeconds(5)).build();

  private EmbeddedContainer container;
  private int port;

  /** A new, not yet started container. */
  abstract EmbeddedContainer newContainer();

  @BeforeAll
  void startContainer() throws Exception {
    container = newContainer();
    port = container.startDeclared(SocketIoContextListener.class,
        Map.of(SocketIoContextListener.ALLOWED_ORIGINS, GOOD_ORIGIN));
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.close();
    }
  }

  private String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {JavaClientCodelab.WEBSOCKET, JavaClientCodelab.POLLING, JavaClientCodelab.POLLING_THEN_WEBSOCKET})
  void theJavaSocketIoClientRunsTheCodelabScenario(String setup) throws Exception {
    JavaClientCodelab.run(url(), setup, alice -> { });
  }

  @Test
  void aPollingBodyDeclaredOverMaxPayloadIsRefusedWith413AndEndsTheSession() throws Exception {
    String sid = handshake();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = startPost(socket, sid, "Content-Length: " + (MAX_PAYLOAD + 1));
      out.write("4xxxx".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals(413, readStatus(socket.getInputStream()), "answered before the body is sent");
    }
    assertEquals(400, get(session(sid), null).statusCode(), "the session is over");
  }

  @Test
  void aChunkedPollingBodyOverMaxPayloadIsRefusedWith413AndEndsTheSession() throws Exception {
    String sid = handshake();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = startPost(socket, sid, "Transfer-Encoding: chunked");
      byte[] chunk = ("4" + "x".repeat(65535)).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 20; i++) { // 1.3 MB at most, over the 1 MB cap; the server may stop reading
        try {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException closedByServer) {
          break;
        }
      }
      assertEquals(413, readStatus(socket.getInputStream()));
    }
    assertEquals(400, get(session(sid), null).statusCode(), "the session is over");
  }

  @Test
  void pollingFromAnOriginNotAllowedIsRefusedWith403() throws Exception {
    HttpResponse<String> allowed = get("EIO=4&transport=polling", GOOD_ORIGIN);
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertEquals(GOOD_ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    String sid = JSON.readTree(allowed.body().substring(1)).get("sid").textValue();

    assertEquals(403, get("EIO=4&transport=polling", EVIL_ORIGIN).statusCode(), "no session for that page");
    assertEquals(403, get(session(sid), EVIL_ORIGIN).statusCode(), "nor a poll of another's session");
    HttpRequest post = HttpRequest.newBuilder(URI.create(url() + "socket.io/?" + session(sid)))
        .header("Origin", EVIL_ORIGIN).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString("1")).build();
    assertEquals(403, HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode(), "nor a post");
  }

  @Test
  void aWebSocketUpgradeFromAnOriginNotAllowedIsRefusedWith403() {
    URI webSocket = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
    CompletionException refused = assertThrows(CompletionException.class,
        () -> TestClient.connect(webSocket, EVIL_ORIGIN));
    WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(403, handshake.getResponse().statusCode());
  }

  @Test
  void theLibrarysClientScriptIsServedBesideThePollingTransport() throws Exception {
    HttpResponse<String> script = get(null, null, "socket.io/socket.io.js");
    assertEquals(200, script.statusCode());
    assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
        script.headers().toString());
    try (InputStream in = getClass().getResourceAsStream("/dev/signaling/transport/socketio/socket.io.js")) {
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), script.body());
    }
  }

  /** Opens a polling session without an Origin (as non-browser clients do); returns its sid. */
  private String handshake() throws Exception {
    HttpResponse<String> response = get("EIO=4&transport=polling", null);
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body().substring(1)).get("sid").textValue();
  }

  private static String session(String sid) {
    return "EIO=4&transport=polling&sid=" + sid;
  }

  private HttpResponse<String> get(String query, String origin) throws Exception {
    return get(query, origin, "socket.io/");
  }

  private HttpResponse<String> get(String query, String origin, String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path + (query == null ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(5));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the head of a POST to session {@code sid} with {@code framing}, the header that says how long its body is. */
  private static OutputStream startPost(Socket socket, String sid, String framing) throws IOException {
    socket.setSoTimeout(5000);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /socket.io/?" + session(sid) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: text/plain;charset=UTF-8\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  /** The status code of the response's status line (Tomcat sends no reason phrase). */
  private static int readStatus(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    String[] parts = line.toString().trim().split(" ");
    assertTrue(parts.length >= 2 && parts[0].equals("HTTP/1.1"), "a status line: " + line);
    return Integer.parseInt(parts[1]);
  }
}
