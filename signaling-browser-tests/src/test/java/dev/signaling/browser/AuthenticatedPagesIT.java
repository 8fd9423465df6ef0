package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.auth.jwt.HmacTokenIssuer;
import dev.signaling.auth.jwt.JwtAuthenticator;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.examples.ExampleServer;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The web app in real headless Chromium against a server that authenticates (the example
 * server's {@code --jwt-secret-file}): pages whose URL carries a token for the room call each
 * other; a page without one, or with a token for another room, says it is not allowed. The same
 * for the socket.io codelab page.
 */
class AuthenticatedPagesIT extends BrowserTest {
  private static final byte[] SECRET = "browser-test-secret-0123456789-abcdefghij".getBytes(StandardCharsets.US_ASCII);
  private static final HmacTokenIssuer TOKENS = HmacTokenIssuer.builder().secret(SECRET).build();

  @Override
  ExampleServer newServer() throws java.io.IOException {
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().clientLogging(true).build())
        .authenticator(JwtAuthenticator.builder().hmacSecret(SECRET).build())
        .build();
    SocketIoServer socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
        .signaling(engine)
        .build();
    return ExampleServer.builder().host("127.0.0.1").port(0).engine(engine).socketIo(socketIo).build().start();
  }

  private String token(String subject, String grantedRoom) {
    return URLEncoder.encode(TOKENS.issue(subject, Set.of(grantedRoom), Duration.ofMinutes(10)), StandardCharsets.UTF_8);
  }

  private static void assertCallPlays(Page page) {
    Map<String, Object> call = page.awaitCall();
    assertEquals("connected", call.get("connectionState"), page + ": " + call);
    assertEquals("connected", page.status().state(), page + " shows " + page.status());
  }

  @Test
  void twoPagesWithTokensForTheRoomCallEachOther() {
    Page alice = browser.open("alice", server.url() + room + "?token=" + token("alice", room));
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", server.url() + room + "?token=" + token("bob", room));
    assertCallPlays(alice);
    assertCallPlays(bob);
  }

  @Test
  void aPageWithoutATokenSaysItIsNotAllowedAndMakesNoCall() {
    Page stranger = browser.open("stranger", server.url() + room);
    stranger.awaitStatus("unauthorized");
    assertTrue(stranger.status().text().startsWith("not allowed"), stranger.status().toString());
    assertEquals(Boolean.TRUE, stranger.script("return window.demo.peerConnection() === null;"));
  }

  @Test
  void aPageWithATokenForAnotherRoomSaysItIsForbidden() {
    Page elsewhere = browser.open("elsewhere", server.url() + room + "?token=" + token("eve", "another-room"));
    elsewhere.awaitStatus("forbidden");
    assertTrue(elsewhere.status().text().startsWith("forbidden"), elsewhere.status().toString());
    assertEquals(Boolean.TRUE, elsewhere.script("return window.demo.peerConnection() === null;"));
  }

  @Test
  void theSocketIoPagePairsWithTokensAndSaysWhyItIsRefusedWithout() {
    String page = server.url() + "socketio/index.html?room=" + room;
    Page first = browser.open("first", page + "&token=" + token("first", room));
    first.awaitItem("events", "created", line -> line.startsWith("Created room " + room));
    Page second = browser.open("second", page + "&token=" + token("second", room));
    second.awaitItem("events", "joined", line -> line.startsWith("Joined room " + room));
    first.awaitItem("events", "ready", line -> line.startsWith("Room is ready"));

    Page stranger = browser.open("stranger", page);
    String refusal = stranger.awaitItem("events", "a refusal", line -> line.startsWith("Not allowed"));
    assertTrue(refusal.contains("unauthorized"), refusal);
  }
}
