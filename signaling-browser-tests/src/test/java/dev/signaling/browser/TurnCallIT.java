package dev.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.Authenticator;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.ice.TurnRestIceServers;
import dev.signaling.examples.Coturn;
import dev.signaling.examples.ExampleServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call that can only go through TURN: a real coturn on the test namespace's address checks
 * the time-limited credentials the example server hands out to authenticated pages (their
 * {@code ?token=}), and two pages that allow relayed candidates only ({@code
 * ?iceTransportPolicy=relay}) call each other through it.
 */
class TurnCallIT extends BrowserTest {
  private static final String SECRET = "browser-test-turn-secret";
  private static Coturn coturn;

  @BeforeAll
  static void startCoturnOnTheNamespacesAddress() throws Exception {
    // Chromium reaches a TURN server on a real interface, not loopback: the namespace's own.
    coturn = Coturn.start(System.getenv("SIGNALING_TEST_NETNS"), SECRET);
  }

  @AfterAll
  static void stopCoturn() {
    if (coturn != null) {
      coturn.close();
    }
  }

  /**
   * The example server with {@code --turn-url <coturn> --turn-secret-file <SECRET> --turn-ttl
   * 10m}, authenticating clients: the token {@code <name>-token} is the subject {@code <name>}.
   */
  @Override
  ExampleServer newServer() throws IOException {
    Authenticator tokens = handshake -> handshake.credential().filter(token -> token.endsWith("-token"))
        .map(token -> CompletableFuture.completedStage(Identity.builder(token.substring(0, token.length() - 6)).build()))
        .orElseGet(() -> Authenticator.refuse("no token"));
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().clientLogging(true).build())
        .authenticator(tokens)
        .iceServerProvider(TurnRestIceServers.builder()
            .turnUrls(List.of(coturn.udpUrl()))
            .secret(SECRET)
            .ttl(Duration.ofMinutes(10))
            .build())
        .build();
    return ExampleServer.builder().host("127.0.0.1").port(0).engine(engine).build().start();
  }

  @Test
  void twoRelayOnlyPagesCallEachOtherThroughCoturn() {
    String roomUrl = server.url() + room + "?iceTransportPolicy=relay&token=";
    Page alice = browser.open("alice", roomUrl + "alice-token");
    alice.awaitStatus("waiting");
    Page bob = browser.open("bob", roomUrl + "bob-token");

    for (Page page : List.of(alice, bob)) {
      Map<String, Object> call = page.awaitCall();
      assertEquals("connected", call.get("connectionState"), page + ": " + call);
      assertTrue(((Number) call.get("videoWidth")).intValue() > 0, page + ": " + call);
      String username = (String) page.script(
          "const servers = window.demo.peerConnection().getConfiguration().iceServers;"
              + " return servers[servers.length - 1].username;");
      assertTrue(username.endsWith(":" + page.name()), page + " calls with TURN user " + username);
      assertEquals("relay", page.script("return window.demo.peerConnection().getConfiguration().iceTransportPolicy;"));
      assertEquals(Map.of("local", "relay", "remote", "relay"), page.selectedCandidateTypes(),
          page + ": the selected candidate pair is relayed on both ends");
    }
    alice.chat("through the relay");
    bob.awaitChatLine("Peer: through the relay");
  }
}
