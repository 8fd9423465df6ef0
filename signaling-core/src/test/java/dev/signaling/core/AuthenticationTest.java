package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  /** Admits the credential "alice" for rooms a and b, refuses anything else. */
  private static final Authenticator ALICE_ONLY = handshake -> handshake.credential()
      .filter("alice"::equals)
      .map(user -> CompletableFuture.completedStage(Identity.builder(user).rooms(Set.of("a", "b")).build()))
      .orElseGet(() -> Authenticator.refuse("unknown credential"));

  private static Handshake withToken(String token) {
    return Handshake.builder().path("/signaling").rawQuery("token=" + token).build();
  }

  @Test
  void withoutAnAuthenticatorEveryPeerIsAnonymousAndMayEnterAnyRoom() throws Exception {
    SignalingEngine engine = SignalingEngine.create();
    RecordingSink peer = RecordingSink.connect(engine);
    assertTrue(peer.peer.identity().isAnonymous());
    assertTrue(peer.peer.authentication().toCompletableFuture().get().isAnonymous());
    peer.peer.receive(new ClientEvent.CreateOrJoin("anything"));
    assertEquals(List.of("created"), peer.names());
  }

  @Test
  void anAdmittedPeerCarriesItsIdentity() throws Exception {
    SignalingEngine engine = SignalingEngine.builder().authenticator(ALICE_ONLY).build();
    RecordingSink alice = RecordingSink.connect(engine, withToken("alice"));
    assertEquals(Optional.of("alice"), alice.peer.identity().subject());
    assertEquals("alice", alice.peer.authentication().toCompletableFuture().get().subject().orElseThrow());
    assertNull(alice.closedWith);
  }

  @Test
  void aRefusedPeerGetsUnauthorizedThenPolicyViolationAndItsEventsAreDropped() {
    SignalingEngine engine = SignalingEngine.builder().authenticator(ALICE_ONLY).build();
    RecordingSink mallory = RecordingSink.connect(engine, withToken("mallory"));
    mallory.peer.receive(new ClientEvent.CreateOrJoin("a"));

    assertEquals(List.of(new ServerEvent.Error(ErrorCode.UNAUTHORIZED, "unknown credential")), mallory.events);
    assertEquals(CloseReason.POLICY_VIOLATION, mallory.closedWith);
    assertEquals(0, engine.roomCount(), "the refused peer's join never ran");
    assertEquals(0, engine.peerCount());
    assertTrue(mallory.peer.authentication().toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void aConnectionWithoutCredentialIsRefusedWhenAuthenticationIsOn() {
    SignalingEngine engine = SignalingEngine.builder().authenticator(ALICE_ONLY).build();
    RecordingSink nobody = RecordingSink.connect(engine);
    assertEquals(List.of("error"), nobody.names());
    assertEquals(ErrorCode.UNAUTHORIZED, nobody.eventsOf(ServerEvent.Error.class).get(0).code());
    assertEquals(CloseReason.POLICY_VIOLATION, nobody.closedWith);
  }

  @Test
  void eventsWaitInOrderForASlowAuthenticator() {
    CompletableFuture<Identity> answer = new CompletableFuture<>();
    SignalingEngine engine = SignalingEngine.builder().authenticator(handshake -> answer).build();
    RecordingSink alice = RecordingSink.connect(engine, withToken("x"));
    RecordingSink bob = RecordingSink.connect(SignalingEngine.create());
    alice.peer.receive(new ClientEvent.CreateOrJoin("a"));
    alice.peer.receive(new ClientEvent.Bye("a"));
    alice.peer.receive(new ClientEvent.CreateOrJoin("b"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("a"));

    assertEquals(List.of(), alice.events, "nothing runs before the authenticator answers");
    assertEquals(List.of("created"), bob.names(), "other connections do not wait");
    assertFalse(alice.peer.authentication().toCompletableFuture().isDone());

    answer.complete(Identity.builder("alice").build());
    assertEquals(List.of("created", "created"), alice.names());
    assertEquals(Optional.of("b"), alice.peer.room());
  }

  @Test
  void anAuthenticatorAnsweringOnAnotherThreadReleasesTheWaitingEvents() throws Exception {
    SignalingEngine engine = SignalingEngine.builder()
        .authenticator(handshake -> CompletableFuture.supplyAsync(() -> Identity.builder("slow").build(),
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)))
        .build();
    RecordingSink peer = RecordingSink.connect(engine, withToken("x"));
    peer.peer.receive(new ClientEvent.CreateOrJoin("a"));
    assertEquals("slow", peer.peer.authentication().toCompletableFuture().get(5, TimeUnit.SECONDS).subject().orElseThrow());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (peer.events.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(List.of("created"), peer.names());
  }

  @Test
  void anAuthenticatorThatNeverAnswersTimesOutAsUnavailable() throws Exception {
    SignalingEngine engine = SignalingEngine.builder()
        .authenticator(handshake -> new CompletableFuture<>())
        .authenticationTimeout(Duration.ofMillis(20))
        .build();
    RecordingSink peer = RecordingSink.connect(engine, withToken("x"));
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> peer.peer.authentication().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(ErrorCode.UNAVAILABLE, ((SignalingException) failure.getCause()).code());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (peer.closedWith == null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(CloseReason.TRY_AGAIN_LATER, peer.closedWith);
    assertEquals(List.of(new ServerEvent.Error(ErrorCode.UNAVAILABLE, "authentication timed out")), peer.events);
  }

  @Test
  void anAuthenticatorThatThrowsRefusesWithoutTellingWhy() {
    SignalingEngine engine = SignalingEngine.builder()
        .authenticator(handshake -> {
          throw new IllegalStateException("database password is hunter2");
        })
        .build();
    RecordingSink peer = RecordingSink.connect(engine, withToken("x"));
    assertEquals(List.of(new ServerEvent.Error(ErrorCode.UNAUTHORIZED, "authentication failed")), peer.events);
    assertEquals(CloseReason.POLICY_VIOLATION, peer.closedWith);
  }

  @Test
  void aRoomOutsideTheIdentitysRoomsIsForbiddenAndTheConnectionStaysUsable() {
    SignalingEngine engine = SignalingEngine.builder().authenticator(ALICE_ONLY).build();
    RecordingSink alice = RecordingSink.connect(engine, withToken("alice"));
    alice.peer.receive(new ClientEvent.CreateOrJoin("a"));
    alice.peer.receive(new ClientEvent.CreateOrJoin("secret"));
    assertEquals(List.of("created", "error"), alice.names());
    assertEquals(new ServerEvent.Error(ErrorCode.FORBIDDEN, "not allowed to enter this room"), alice.events.get(1));
    assertEquals(Optional.of("a"), alice.peer.room(), "a forbidden join does not leave the current room");
    alice.peer.receive(new ClientEvent.CreateOrJoin("b"));
    assertEquals(Optional.of("b"), alice.peer.room());
    assertNull(alice.closedWith);
  }

  @Test
  void theForbiddenAnswerIsTheSameWhetherOrNotTheRoomExists() {
    SignalingEngine engine = SignalingEngine.builder()
        .authenticator(handshake -> CompletableFuture.completedStage(
            Identity.builder(handshake.credential().orElseThrow()).rooms(Set.of(handshake.credential().get())).build()))
        .build();
    RecordingSink owner = RecordingSink.connect(engine, withToken("existing"));
    owner.peer.receive(new ClientEvent.CreateOrJoin("existing"));
    RecordingSink prober = RecordingSink.connect(engine, withToken("prober"));
    prober.peer.receive(new ClientEvent.CreateOrJoin("existing"));
    prober.peer.receive(new ClientEvent.CreateOrJoin("missing"));
    List<ServerEvent.Error> errors = prober.eventsOf(ServerEvent.Error.class);
    assertEquals(2, errors.size());
    assertEquals(errors.get(0).message(), errors.get(1).message());
    assertEquals(List.of("created"), owner.names(), "the member hears nothing of the probe");
  }

  @Test
  void relayedMessagesCarryTheSendersSubjectOnlyWhereTheEngineShowsSubjects() {
    RawJson offer = RawJson.parse("{\"type\":\"offer\"}");
    for (boolean show : new boolean[] {false, true}) {
      SignalingEngine engine = SignalingEngine.builder().authenticator(ALICE_ONLY).showSubjects(show).build();
      RecordingSink alice = RecordingSink.connect(engine, withToken("alice"));
      RecordingSink anonymous = RecordingSink.connect(SignalingEngine.builder().showSubjects(show).build());
      RecordingSink bob = RecordingSink.connect(engine, withToken("alice"));
      alice.peer.receive(new ClientEvent.CreateOrJoin("a"));
      bob.peer.receive(new ClientEvent.CreateOrJoin("a"));
      alice.peer.receive(new ClientEvent.Message(offer, null));
      ServerEvent.Message relayed = bob.eventsOf(ServerEvent.Message.class).get(0);
      assertEquals(show ? "alice" : null, relayed.fromSubject());
      String frame = new dev.signaling.core.protocol.NativeCodec().encode(relayed);
      assertEquals("{\"event\":\"message\",\"args\":[{\"type\":\"offer\"},\"" + alice.peer.id() + "\""
          + (show ? ",\"alice\"" : "") + "]}", frame);
      anonymous.peer.receive(new ClientEvent.CreateOrJoin("b"));
      assertEquals(null, anonymous.peer.identity().subject().orElse(null), "no subject to show for anonymous peers");
    }
  }

  @Test
  void aStarRoomGrantMayEnterAnyRoom() {
    Identity any = Identity.builder("ops").rooms(Set.of("*")).build();
    assertTrue(any.mayEnter("whatever"));
    Identity none = Identity.builder("nobody").rooms(Set.of()).build();
    assertFalse(none.mayEnter("whatever"));
  }
}
