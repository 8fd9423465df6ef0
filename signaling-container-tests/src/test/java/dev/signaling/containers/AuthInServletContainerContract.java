package dev.signaling.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.auth.jwt.TestTokens;
import dev.signaling.examples.TestClient;
import dev.signaling.transport.socketio.NodeAuthScenario;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Authentication inside a real servlet container, deployed by a declared listener ({@link
 * AuthTestListener}): the JWT authenticator refuses every bad token of the issue on the native
 * endpoint and on Socket.IO (the real socket.io-client over WebSocket and long-polling), room
 * grants answer {@code forbidden}, the handshake carries the remote address, and the servlet
 * session authenticator of docs/AUTH.md admits a logged-in user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthInServletContainerContract {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final TestTokens keys = TestTokens.create();
  private EmbeddedContainer container;
  private Path dir;
  private int port;

  abstract EmbeddedContainer newContainer();

  @BeforeAll
  void startContainer() throws Exception {
    dir = Files.createTempDirectory("container-auth");
    Path secret = TestTokens.writeSecret(dir.resolve("secret"));
    Path jwks = keys.writeJwks(dir.resolve("jwks.json"));
    container = newContainer();
    port = container.startDeclared(AuthTestListener.class, Map.of(
        AuthTestListener.SECRET_FILE, secret.toString(), AuthTestListener.JWKS_FILE, jwks.toString()));
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.close();
    }
    for (String file : List.of("secret", "jwks.json")) {
      Files.deleteIfExists(dir.resolve(file));
    }
    Files.deleteIfExists(dir);
  }

  private URI ws(String path, String token) {
    String base = "ws://127.0.0.1:" + port + path;
    return URI.create(token == null || token.isEmpty() ? base : base + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static String token(String subject, List<String> rooms) {
    return TestTokens.hs256(TestTokens.claims(subject, rooms, Instant.now(), Duration.ofHours(1)));
  }

  private static JsonNode whoami(TestClient client) throws InterruptedException {
    client.sendText("{\"event\":\"whoami\",\"args\":[],\"id\":7}");
    return client.expect("ack");
  }

  @Test
  void everyRefusedTokenGetsUnauthorizedThenClose1008() throws Exception {
    for (Map.Entry<String, String> bad : keys.refused("a", Instant.now()).entrySet()) {
      try (TestClient client = TestClient.connect(ws("/signaling", bad.getValue()))) {
        JsonNode error = client.expect("error").get(0);
        assertEquals("unauthorized", error.get("code").asText(), bad.getKey());
        assertEquals(1008, client.awaitClose(), bad.getKey());
      }
    }
  }

  @Test
  void theRealSocketIoClientIsRefusedOrAdmittedOnBothTransports() throws Exception {
    NodeAuthScenario.run(NodeAuthScenario.nodeDirFromSibling(), "http://127.0.0.1:" + port, "a",
        token("alice", List.of("a")), keys.rs256(TestTokens.claims("ops", List.of("*"), Instant.now(), Duration.ofHours(1))),
        keys.refused("a", Instant.now()));
  }

  @Test
  void aTokenForRoomAJoinsAIsForbiddenInBAndStillWorksInA() throws Exception {
    try (TestClient alice = TestClient.connect(ws("/signaling", token("alice", List.of("a"))));
        TestClient bob = TestClient.connect(ws("/signaling", null),
            Map.of("Authorization", "Bearer " + token("bob", List.of("*"))))) {
      alice.emit("create or join", "a");
      String aliceId = alice.expect("created").get(1).asText();
      alice.emit("create or join", "b");
      assertEquals("forbidden", alice.expect("error").get(0).get("code").asText());
      bob.emit("create or join", "a");
      bob.expect("joined");
      bob.expect("ready");
      alice.expect("join");
      alice.expect("ready");
      alice.emit("message", "hi");
      assertEquals(aliceId, bob.expect("message").get(1).asText());
    }
  }

  @Test
  void theHandshakeCarriesSubjectRemoteAddressAndPath() throws Exception {
    try (TestClient alice = TestClient.connect(ws("/signaling", token("alice", List.of("a"))))) {
      JsonNode who = whoami(alice);
      assertEquals("alice", who.get(0).asText());
      assertEquals("127.0.0.1", who.get(1).asText(), "the container's remote address reached the handshake");
      assertEquals("/signaling", who.get(2).asText());
    }
  }

  @Test
  void theServletSessionAuthenticatorAdmitsALoggedInUserOnly() throws Exception {
    try (TestClient stranger = TestClient.connect(ws("/session-signaling", null))) {
      assertEquals("unauthorized", stranger.expect("error").get(0).get("code").asText());
      assertEquals(1008, stranger.awaitClose());
    }
    HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/login?user=carol&room=carols-room")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode());
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    assertTrue(cookie.startsWith("JSESSIONID="), cookie);
    try (TestClient carol = TestClient.connect(ws("/session-signaling", null), Map.of("Cookie", cookie))) {
      assertEquals("carol", whoami(carol).get(0).asText());
      carol.emit("create or join", "carols-room");
      carol.expect("created");
      carol.emit("create or join", "someone-elses-room");
      assertEquals("forbidden", carol.expect("error").get(0).get("code").asText());
    } catch (CompletionException e) {
      throw new AssertionError("the logged-in user was refused", e);
    }
  }
}
