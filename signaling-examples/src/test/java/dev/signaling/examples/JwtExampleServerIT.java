package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.auth.jwt.JwtAuthenticator;
import dev.signaling.auth.jwt.TestTokens;
import dev.signaling.transport.socketio.NodeAuthScenario;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * The example server as {@code java -jar signaling-server.jar --jwt-secret-file F --jwks-file J}
 * starts it: every refused token of the issue on the native protocol and on Socket.IO (the real
 * socket.io-client, WebSocket and polling), room grants, the {@code token} command, and {@code
 * GET /config} for token holders only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtExampleServerIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final TestTokens keys = TestTokens.create();
  private Path dir;
  private Path secretFile;
  private ExampleServer server;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("jwt-example");
    secretFile = TestTokens.writeSecret(dir.resolve("secret"));
    Path jwks = keys.writeJwks(dir.resolve("jwks.json"));
    server = DemoServers.start("--jwt-secret-file", secretFile.toString(), "--jwks-file", jwks.toString());
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  private URI signaling(String token) {
    String base = server.url().replaceFirst("^http", "ws") + "signaling";
    return URI.create(token == null || token.isEmpty() ? base : base + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static String token(List<String> rooms) {
    return TestTokens.hs256(TestTokens.claims("alice", rooms, Instant.now(), Duration.ofHours(1)));
  }

  @Test
  void everyRefusedTokenGetsUnauthorizedThenClose1008OnTheNativeProtocol() throws Exception {
    for (Map.Entry<String, String> bad : keys.refused("a", Instant.now()).entrySet()) {
      try (TestClient client = TestClient.connect(signaling(bad.getValue()))) {
        try {
          client.emit("create or join", "a"); // never processed
        } catch (java.util.concurrent.CompletionException closedAlready) {
          // the server refused before this was sent: fine
        }
        JsonNode first = client.next();
        assertEquals("error", first.path("event").asText(), bad.getKey() + ": " + first);
        assertEquals("unauthorized", first.get("args").get(0).get("code").asText(), bad.getKey());
        assertEquals(1008, client.awaitClose(), bad.getKey());
      }
    }
    assertEquals(0, server.engine().roomCount(), "no refused connection created a room");
  }

  @Test
  void everyRefusedTokenGetsConnectErrorOnSocketIoAndGoodTokensWorkWithTheRealClient() throws Exception {
    NodeAuthScenario.run(NodeAuthScenario.nodeDirFromSibling(), server.url(), "a",
        token(List.of("a")), keys.es256(TestTokens.claims("ops", List.of("*"), Instant.now(), Duration.ofHours(1))),
        keys.refused("a", Instant.now()));
  }

  @Test
  void aTokenForRoomAJoinsAIsForbiddenInBAndStillWorksInA() throws Exception {
    try (TestClient alice = TestClient.connect(signaling(token(List.of("a"))));
        TestClient bob = TestClient.connect(signaling(null), Map.of("Authorization", "Bearer "
            + keys.rs256(TestTokens.claims("bob", List.of("a", "b"), Instant.now(), Duration.ofHours(1)))))) {
      alice.emit("create or join", "a");
      String aliceId = alice.nextSkippingLogs().get("args").get(1).asText();
      alice.emit("create or join", "b");
      JsonNode refusal = alice.nextSkippingLogs();
      assertEquals("error", refusal.get("event").asText());
      assertEquals("forbidden", refusal.get("args").get(0).get("code").asText());

      bob.emit("create or join", "a");
      assertEquals("joined", bob.nextSkippingLogs().get("event").asText());
      assertEquals("ready", bob.nextSkippingLogs().get("event").asText());
      assertEquals("join", alice.nextSkippingLogs().get("event").asText(), "alice is still in a");
      alice.emit("message", "still here");
      JsonNode relayed = bob.nextSkippingLogs();
      assertEquals("message", relayed.get("event").asText());
      assertEquals(aliceId, relayed.get("args").get(1).asText());
    }
  }

  @Test
  void aStarTokenJoinsAnyRoom() throws Exception {
    try (TestClient ops = TestClient.connect(signaling(token(List.of("*"))))) {
      ops.emit("create or join", "any-room-at-all");
      assertEquals("created", ops.nextSkippingLogs().get("event").asText());
    }
  }

  @Test
  void theTokenCommandMintsATokenThisServerAccepts() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new Main());
    command.setOut(new PrintWriter(out));
    int exit = command.execute("token", "--jwt-secret-file", secretFile.toString(),
        "--room", "minted", "--room", "other", "--ttl", "10m", "--subject", "carol");
    assertEquals(0, exit);
    String minted = out.toString().strip();
    var carol = JwtAuthenticator.builder().hmacSecretFile(secretFile).build().verify(minted);
    assertEquals("carol", carol.subject().orElseThrow());
    assertTrue(carol.mayEnter("minted") && carol.mayEnter("other") && !carol.mayEnter("third"));
    try (TestClient client = TestClient.connect(signaling(minted))) {
      client.emit("create or join", "minted");
      assertEquals("created", client.nextSkippingLogs().get("event").asText());
      client.emit("create or join", "third");
      assertEquals("forbidden", client.nextSkippingLogs().get("args").get(0).get("code").asText());
    }
  }

  @Test
  void theTokenCommandRefusesAShortSecretClearly() throws Exception {
    Path shortSecret = Files.writeString(dir.resolve("short"), "too short");
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new Main());
    command.setErr(new PrintWriter(err));
    int exit = command.execute("token", "--jwt-secret-file", shortSecret.toString(), "--room", "a");
    assertEquals(2, exit);
    assertTrue(err.toString().contains("at least 32 bytes"), err.toString());
  }

  @Test
  void configHandsIceServersOnlyToTokenHolders() throws Exception {
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "config")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> holder = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "config?token="
        + token(List.of("a")))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, holder.statusCode());
    assertTrue(holder.body().contains("iceServers"), holder.body());
  }
}
