package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.Authenticator;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingEngine;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application's own {@link Authenticator}, a few lines, on the example server's native
 * endpoint (Grizzly/Tyrus): refusals are {@code error} {@code unauthorized} then close 1008,
 * room grants answer {@code forbidden}, a slow (200 ms) authenticator holds back only its own
 * connection, the handshake it sees carries the token, address, Origin and path, and (this
 * engine shows subjects) relayed messages name their sender's subject.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomAuthenticatorIT {
  private final List<Handshake> seen = new CopyOnWriteArrayList<>();
  /** When the slow authenticator admitted its connection, from System.nanoTime(). */
  private final CompletableFuture<Long> slowAdmittedAt = new CompletableFuture<>();
  private ExampleServer server;

  @BeforeAll
  void start() throws Exception {
    // The custom authenticator: a lookup table standing in for the application's users.
    Map<String, Identity> users = Map.of(
        "alice-token", Identity.builder("alice").rooms(Set.of("a")).build(),
        "ops-token", Identity.builder("ops").rooms(Set.of("*")).build());
    Authenticator authenticator = handshake -> {
      seen.add(handshake);
      String token = handshake.credential().orElse("");
      if (token.equals("slow-token")) {
        return CompletableFuture.supplyAsync(() -> {
          slowAdmittedAt.complete(System.nanoTime());
          return Identity.builder("slowpoke").build();
        }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
      }
      Identity user = users.get(token);
      return user != null ? CompletableFuture.completedStage(user) : Authenticator.refuse("unknown token");
    };
    server = ExampleServer.builder().host("127.0.0.1").port(0)
        .transport(Transport.valueOf(DemoServers.transport().toUpperCase(java.util.Locale.ROOT)))
        .engine(SignalingEngine.builder().authenticator(authenticator).showSubjects(true).build())
        .build()
        .start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private URI uri(String query) {
    return URI.create(server.url().replaceFirst("^http", "ws") + "signaling" + (query == null ? "" : "?" + query));
  }

  @Test
  void withoutATokenTheServerAnswersUnauthorizedThenCloses1008() throws Exception {
    try (TestClient client = TestClient.connect(uri(null))) {
      JsonNode error = client.expect("error").get(0);
      assertEquals("unauthorized", error.get("code").asText());
      assertEquals(1008, client.awaitClose());
    }
  }

  @Test
  void anUnknownTokenIsRefusedTheSameWay() throws Exception {
    try (TestClient client = TestClient.connect(uri("token=forged"))) {
      assertEquals("unauthorized", client.expect("error").get(0).get("code").asText());
      assertEquals(1008, client.awaitClose());
    }
  }

  @Test
  void aBearerHeaderIsACredentialToo() throws Exception {
    try (TestClient client = TestClient.connect(uri(null), Map.of("Authorization", "Bearer ops-token"))) {
      client.emit("create or join", "bearer-room");
      assertEquals("bearer-room", client.expect("created").get(0).asText());
    }
  }

  @Test
  void aTokenForRoomAJoinsAIsForbiddenInBAndStillWorksInA() throws Exception {
    try (TestClient alice = TestClient.connect(uri("token=alice-token"));
        TestClient ops = TestClient.connect(uri("token=ops-token"))) {
      alice.emit("create or join", "a");
      String aliceId = alice.expect("created").get(1).asText();
      alice.emit("create or join", "b");
      JsonNode forbidden = alice.expect("error").get(0);
      assertEquals("forbidden", forbidden.get("code").asText());
      assertFalse(forbidden.get("message").asText().contains("b"), "the refusal does not echo room facts");

      ops.emit("create or join", "a");
      ops.expect("joined");
      ops.expect("ready");
      alice.expect("join");
      alice.expect("ready");
      alice.emit("message", "hello");
      JsonNode message = ops.expect("message");
      assertEquals("hello", message.get(0).asText());
      assertEquals(aliceId, message.get(1).asText());
      assertEquals("alice", message.get(2).asText(), "this engine shows senders' subjects");
    }
  }

  @Test
  void aSlowAuthenticatorHoldsBackOnlyItsOwnConnectionAndKeepsItsEventsInOrder() throws Exception {
    long start = System.nanoTime();
    try (TestClient slow = TestClient.connect(uri("token=slow-token"))) {
      // Sent before the authenticator answers: these wait in the peer, in order.
      slow.emit("create or join", "slow-1");
      slow.emit("bye", "slow-1");
      slow.emit("create or join", "slow-2");
      try (TestClient fast = TestClient.connect(uri("token=ops-token"))) {
        fast.emit("create or join", "fast-room");
        fast.expect("created");
        long fastServedAt = System.nanoTime();
        assertFalse(slowAdmittedAt.isDone() && slowAdmittedAt.join() < fastServedAt,
            "the fast connection was served only after the slow one was admitted ("
                + TimeUnit.NANOSECONDS.toMillis(fastServedAt - start) + " ms)");
      }
      assertEquals("slow-1", slow.expect("created").get(0).asText());
      assertEquals("slow-2", slow.expect("created").get(0).asText());
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  @Test
  void theHandshakeCarriesTokenAddressOriginAndPathButNeverPrintsTheToken() throws Exception {
    seen.clear();
    try (TestClient client = TestClient.connect(uri("token=ops-token&x=1"), "https://app.example")) {
      client.emit("create or join", "handshake-room");
      client.expect("created");
    }
    Handshake handshake = seen.get(0);
    assertEquals("ops-token", handshake.credential().orElseThrow());
    assertEquals("127.0.0.1", handshake.remoteHost().orElseThrow());
    assertEquals("https://app.example", handshake.origin().orElseThrow());
    assertEquals("/signaling", handshake.path());
    assertEquals("1", handshake.queryParameter("x").orElseThrow());
    assertFalse(handshake.toString().contains("ops-token"), handshake.toString());
  }
}
