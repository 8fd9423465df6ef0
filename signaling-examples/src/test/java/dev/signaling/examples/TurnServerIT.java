package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.auth.jwt.TestTokens;
import dev.signaling.core.Authenticator;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.ice.TurnCredentials;
import dev.signaling.core.ice.TurnRestIceServers;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time-limited TURN credentials from the example server ({@code --turn-url}, {@code
 * --turn-secret-file}, {@code --turn-ttl}), checked by a real coturn on loopback: what {@code
 * GET /config} and the {@code ice-servers} event hand out allocates a relay; expired, tampered
 * or foreign credentials are refused with 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TurnServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String SECRET = "the-current-secret";
  /** The secret before the last rotation: coturn still accepts it, this server no longer signs with it. */
  private static final String PREVIOUS_SECRET = "the-previous-secret";
  private static final Pattern USERNAME = Pattern.compile("(\\d+):(.+)");

  private Coturn coturn;
  private ExampleServer server;
  /** The same, authenticating clients: the token {@code alice-token} is the subject alice, any other is refused. */
  private ExampleServer authenticating;
  /** As the command line starts it with {@code --jwt-secret-file} and the TURN options. */
  private ExampleServer withJwt;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    coturn = Coturn.start("127.0.0.1", SECRET, PREVIOUS_SECRET);
    Path secretFile = directory.resolve("turn-secret");
    Files.writeString(secretFile, SECRET + "\n", StandardCharsets.UTF_8);
    server = DemoServers.start(
        "--ice-server", "stun:127.0.0.1:" + coturn.address().getPort(),
        "--turn-url", coturn.udpUrl(),
        "--turn-secret-file", secretFile.toString(),
        "--turn-ttl", "10m");
    Authenticator tokens = handshake -> handshake.credential().filter("alice-token"::equals).isPresent()
        ? CompletableFuture.completedStage(Identity.builder("alice").build())
        : Authenticator.refuse("unknown token");
    SignalingEngine engine = SignalingEngine.builder()
        .authenticator(tokens)
        .iceServerProvider(TurnRestIceServers.builder().turnUrls(List.of(coturn.udpUrl())).secret(SECRET).build())
        .build();
    withJwt = DemoServers.start(
        "--jwt-secret-file", TestTokens.writeSecret(directory.resolve("jwt-secret")).toString(),
        "--turn-url", coturn.udpUrl(),
        "--turn-secret-file", secretFile.toString());
    authenticating = ExampleServer.builder().host("127.0.0.1").port(0)
        .transport(Transport.valueOf(DemoServers.transport().toUpperCase(java.util.Locale.ROOT)))
        .engine(engine).build().start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (authenticating != null) {
      authenticating.close();
    }
    if (withJwt != null) {
      withJwt.close();
    }
    if (coturn != null) {
      coturn.close();
    }
  }

  private static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode config() throws Exception {
    HttpResponse<String> response = get(server.url() + "config");
    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    return JSON.readTree(response.body());
  }

  private TurnClient.Allocation allocate(String username, String password) throws Exception {
    try (TurnClient client = new TurnClient(coturn.address())) {
      return client.allocate(username, password);
    }
  }

  @Test
  void configHandsOutCredentialsForTenMinutesThatCoturnAcceptsForARelay() throws Exception {
    Instant before = Instant.now();
    JsonNode servers = config().get("iceServers");

    assertEquals(2, servers.size(), servers.toString());
    assertEquals(JSON.readTree("{\"urls\":[\"stun:127.0.0.1:" + coturn.address().getPort() + "\"]}"), servers.get(0));
    JsonNode turn = servers.get(1);
    assertEquals(JSON.readTree("[\"" + coturn.udpUrl() + "\"]"), turn.get("urls"));
    Matcher username = USERNAME.matcher(turn.get("username").asText());
    assertTrue(username.matches(), turn.get("username").asText());
    long expiry = Long.parseLong(username.group(1));
    assertTrue(expiry >= before.plusSeconds(600).getEpochSecond() - 1
        && expiry <= Instant.now().plusSeconds(600).getEpochSecond(), "expiry " + expiry + " is ten minutes away");

    TurnClient.Allocation allocation = allocate(turn.get("username").asText(), turn.get("credential").asText());

    assertTrue(allocation.succeeded(), "coturn refused with " + allocation.errorCode() + "\n" + coturn.log());
    assertEquals(InetAddress.getByName("127.0.0.1"), allocation.relayed().getAddress());
  }

  @Test
  void eachConfigRequestGetsItsOwnUserId() throws Exception {
    String first = config().get("iceServers").get(1).get("username").asText();
    String second = config().get("iceServers").get(1).get("username").asText();

    assertNotEquals(first.substring(first.indexOf(':')), second.substring(second.indexOf(':')));
  }

  @Test
  void tamperedCredentialsAreRefusedWith401() throws Exception {
    JsonNode turn = config().get("iceServers").get(1);
    String username = turn.get("username").asText();
    String password = turn.get("credential").asText();
    Matcher parts = USERNAME.matcher(username);
    assertTrue(parts.matches());

    String otherPassword = (password.charAt(0) == 'A' ? 'B' : 'A') + password.substring(1);
    assertEquals(401, allocate(username, otherPassword).errorCode(), "a changed password");
    String laterExpiry = (Long.parseLong(parts.group(1)) + 3600) + ":" + parts.group(2);
    assertEquals(401, allocate(laterExpiry, password).errorCode(), "a prolonged expiry with the old password");
    assertEquals(401, allocate(parts.group(1) + ":someone-else", password).errorCode(), "another user id");
  }

  @Test
  void expiredCredentialsAreRefusedWith401() throws Exception {
    TurnCredentials expired = TurnCredentials.issue(
        SECRET.getBytes(StandardCharsets.UTF_8), "alice", Instant.now().minusSeconds(60));
    TurnCredentials valid = TurnCredentials.issue(
        SECRET.getBytes(StandardCharsets.UTF_8), "alice", Instant.now().plusSeconds(60));

    assertEquals(401, allocate(expired.username(), expired.password()).errorCode());
    assertTrue(allocate(valid.username(), valid.password()).succeeded(), "the same user a minute ahead is accepted");
  }

  @Test
  void aClosedClientReleasesItsAllocationSoALaterClientOnTheSamePortGetsOne() throws Exception {
    // Allocations left behind were bound to their client's port for their whole lifetime (10
    // minutes): when the system gave a later client of this suite the same ephemeral port, coturn
    // answered 437 (allocation mismatch) to its Allocate. Closing a client releases its allocation.
    TurnCredentials credentials = TurnCredentials.issue(
        SECRET.getBytes(StandardCharsets.UTF_8), "carol", Instant.now().plusSeconds(60));
    int port;
    try (TurnClient first = new TurnClient(coturn.address())) {
      assertTrue(first.allocate(credentials.username(), credentials.password()).succeeded());
      port = first.localPort();
    }
    // coturn deletes a released allocation at its next once-a-second timer (1.1 s measured): until
    // then the port is still answered 437. 5 s is a bound for a loaded machine, far below the
    // lifetime an allocation that was never released holds the port for.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    TurnClient.Allocation allocation = null;
    while (allocation == null) {
      try (TurnClient again = new TurnClient(coturn.address(), port)) {
        allocation = again.allocate(credentials.username(), credentials.password());
      } catch (java.io.IOException mismatch) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the port is still held 5 s after its client released it\n" + coturn.log(), mismatch);
        }
        Thread.sleep(100);
      }
    }
    assertTrue(allocation.succeeded(), "coturn answered " + allocation.errorCode() + "\n" + coturn.log());
  }

  @Test
  void afterARotationCoturnAcceptsThePreviousSecretButNoUnknownOne() throws Exception {
    Instant expiry = Instant.now().plusSeconds(60);
    TurnCredentials previous = TurnCredentials.issue(PREVIOUS_SECRET.getBytes(StandardCharsets.UTF_8), "bob", expiry);
    TurnCredentials unknown = TurnCredentials.issue("not-a-secret-of-coturn".getBytes(StandardCharsets.UTF_8), "bob", expiry);

    assertTrue(allocate(previous.username(), previous.password()).succeeded());
    assertEquals(401, allocate(unknown.username(), unknown.password()).errorCode());
  }

  @Test
  void aNativeConnectionIsToldItsIceServersFirstWithItsPeerIdAsTurnUser() throws Exception {
    URI uri = URI.create(server.url().replaceFirst("^http", "ws") + "signaling");
    try (TestClient client = TestClient.connect(uri)) {
      JsonNode first = client.next();
      assertEquals("ice-servers", first.get("event").asText(), first.toString());
      JsonNode turn = first.get("args").get(0).get("iceServers").get(1);
      client.emit("create or join", "turn-room");
      JsonNode created = client.nextSkippingLogs();
      assertEquals("created", created.get("event").asText(), created.toString());
      String peerId = created.get("args").get(1).asText();

      Matcher username = USERNAME.matcher(turn.get("username").asText());
      assertTrue(username.matches(), turn.toString());
      assertEquals(peerId, username.group(2));
      assertTrue(allocate(turn.get("username").asText(), turn.get("credential").asText()).succeeded());
    }
  }

  @Test
  void withAuthenticationConfigWithoutAValidTokenIs401AndHoldsNoIceServers() throws Exception {
    for (HttpResponse<String> refused : List.of(
        get(authenticating.url() + "config"),
        get(authenticating.url() + "config?token=mallory-token"),
        get(authenticating.url() + "config", "Authorization", "Bearer mallory-token"))) {
      assertEquals(401, refused.statusCode(), refused.body());
      assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertTrue(!refused.body().contains("turn:") && !refused.body().contains("iceServers"), refused.body());
    }
  }

  @Test
  void withAuthenticationTheTokensSubjectIsTheTurnUserAndCoturnAcceptsIt() throws Exception {
    for (HttpResponse<String> admitted : List.of(
        get(authenticating.url() + "config?token=alice-token"),
        get(authenticating.url() + "config", "Authorization", "Bearer alice-token"))) {
      assertEquals(200, admitted.statusCode(), admitted.body());
      JsonNode turn = JSON.readTree(admitted.body()).get("iceServers").get(0);
      Matcher username = USERNAME.matcher(turn.get("username").asText());
      assertTrue(username.matches(), turn.toString());
      assertEquals("alice", username.group(2));
      assertTrue(allocate(turn.get("username").asText(), turn.get("credential").asText()).succeeded());
    }
  }

  @Test
  void withJwtOnTheCommandLineConfigNeedsAValidTokenAndNamesTheTurnUserByItsSubject() throws Exception {
    String valid = TestTokens.hs256(TestTokens.claims("carol", List.of("a"), Instant.now(), Duration.ofHours(1)));
    String expired = TestTokens.hs256(TestTokens.claims("carol", List.of("a"), Instant.now().minusSeconds(7200), Duration.ofHours(1)));

    for (HttpResponse<String> refused : List.of(
        get(withJwt.url() + "config"),
        get(withJwt.url() + "config?token=" + expired),
        get(withJwt.url() + "config?token=" + TestTokens.tampered(valid)))) {
      assertEquals(401, refused.statusCode(), refused.body());
      assertTrue(!refused.body().contains("turn:"), refused.body());
    }
    HttpResponse<String> admitted = get(withJwt.url() + "config", "Authorization", "Bearer " + valid);
    assertEquals(200, admitted.statusCode(), admitted.body());
    JsonNode turn = JSON.readTree(admitted.body()).get("iceServers").get(0);
    assertTrue(turn.get("username").asText().endsWith(":carol"), turn.toString());
    assertTrue(allocate(turn.get("username").asText(), turn.get("credential").asText()).succeeded());
  }

  @Test
  void withAuthenticationOnlyAnAdmittedConnectionGetsIceServersNamedByItsSubject() throws Exception {
    URI signaling = URI.create(authenticating.url().replaceFirst("^http", "ws") + "signaling");
    try (TestClient alice = TestClient.connect(URI.create(signaling + "?token=alice-token"))) {
      JsonNode first = alice.next();
      assertEquals("ice-servers", first.get("event").asText(), first.toString());
      String username = first.get("args").get(0).get("iceServers").get(0).get("username").asText();
      assertTrue(username.endsWith(":alice"), username);
    }
    try (TestClient mallory = TestClient.connect(signaling)) {
      assertEquals(1008, mallory.awaitClose(), "refused: error, then close 1008");
      List<JsonNode> frames = mallory.drain(Duration.ofMillis(200));
      assertTrue(frames.stream().noneMatch(frame -> frame.get("event").asText().equals("ice-servers")), frames.toString());
      assertTrue(frames.stream().anyMatch(frame -> frame.get("event").asText().equals("error")), frames.toString());
    }
  }

  @Test
  void aSocketIoConnectionGetsTheIceServersEventToo() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Socket socket = IO.socket(URI.create(server.url()), IO.Options.builder()
        .setForceNew(true).setReconnection(false).setTransports(new String[] {"websocket"}).build());
    socket.on("ice-servers", args -> received.add(String.valueOf(args[0])));
    try {
      socket.connect();
      String event = received.poll(10, TimeUnit.SECONDS);
      assertTrue(event != null, "no ice-servers event within 10 s");
      JsonNode turn = JSON.readTree(event).get("iceServers").get(1);
      assertTrue(allocate(turn.get("username").asText(), turn.get("credential").asText()).succeeded());
    } finally {
      socket.close();
    }
  }
}
