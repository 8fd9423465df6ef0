package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.cluster.ForwardingRoomBackend;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.SessionEndRequest;
import dev.signaling.core.cluster.SessionEndResult;
import dev.signaling.core.internal.TokenDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Ending a session on another node (docs/CLUSTER.md, "Resume"), both halves through the engine:
 * a token unknown here waits for the backend's answer before {@code resume-failed}, the welcome
 * and the connection's events; and the engine holding a session ends it for such a request.
 */
class SessionEndTest {
  /** In-memory rooms whose cross-node session end the test answers by hand. */
  private static final class HeldSessionEnds extends ForwardingRoomBackend {
    LocalPeers localPeers;
    SessionEndRequest asked;
    CompletableFuture<SessionEndResult> answer = new CompletableFuture<>();

    @Override
    public void start(LocalPeers localPeers) {
      this.localPeers = localPeers;
      super.start(localPeers);
    }

    @Override
    public CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
      asked = request;
      return answer;
    }
  }

  /** Admits whoever names itself in the credential, at once (a token checked locally). */
  private static final Authenticator NAMED = handshake -> handshake.credential()
      .map(subject -> CompletableFuture.completedStage(Identity.builder(subject).build()))
      .orElseGet(() -> Authenticator.refuse("no credential"));

  private final HeldSessionEnds backend = new HeldSessionEnds();

  private SignalingEngine engine(Consumer<SignalingEngine.Builder> more) {
    SignalingEngine.Builder builder = SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build())
        .resumeScheduler(new SteppedScheduler())
        .backend(backend);
    more.accept(builder);
    return builder.build();
  }

  @Test
  void anUnknownTokenWaitsForTheOtherNodeBeforeResumeFailedTheWelcomeAndItsEvents() {
    SignalingEngine engine = engine(builder -> { });
    SessionSink client = SessionSink.connect(engine, new ResumeRequest("a-token-from-elsewhere", 7));
    client.peer.receive(new ClientEvent.CreateOrJoin("room"));

    assertEquals(new SessionEndRequest(TokenDigest.of("a-token-from-elsewhere"), null), backend.asked);
    assertEquals(List.of(), client.notices);
    assertEquals(List.of(), client.names());

    backend.answer.complete(SessionEndResult.ENDED);
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.ENDED_ELSEWHERE), client.notices.get(0));
    assertEquals(client.peer.id(), assertInstanceOf(SessionNotice.Welcome.class, client.notices.get(1)).peerId());
    assertEquals(List.of("created"), client.names());
    assertEquals(1L, engine.resumeOutcomes().get(ResumeOutcome.ENDED_ELSEWHERE));
  }

  @Test
  void everyAnswerOfTheOtherNodesBecomesTheReasonTheClientIsGiven() {
    SignalingEngine engine = engine(builder -> { });
    assertEquals(ResumeOutcome.UNKNOWN, outcomeFor(engine, CompletableFuture.completedFuture(SessionEndResult.NOT_FOUND)));
    assertEquals(ResumeOutcome.IN_USE, outcomeFor(engine, CompletableFuture.completedFuture(SessionEndResult.IN_USE)));
    assertEquals(ResumeOutcome.FORBIDDEN, outcomeFor(engine, CompletableFuture.completedFuture(SessionEndResult.FORBIDDEN)));
    assertEquals(ResumeOutcome.UNKNOWN, outcomeFor(engine, CompletableFuture.failedFuture(new IllegalStateException("down"))));
  }

  private ResumeOutcome outcomeFor(SignalingEngine engine, CompletableFuture<SessionEndResult> answer) {
    backend.answer = answer;
    SessionSink client = SessionSink.connect(engine, new ResumeRequest("token", 0));
    assertInstanceOf(SessionNotice.Welcome.class, client.notices.get(1));
    return ((SessionNotice.ResumeFailed) client.notices.get(0)).outcome();
  }

  @Test
  void theEngineHoldingADetachedSessionEndsItForItsDigestAndThePartnerGetsBye() {
    SignalingEngine engine = engine(builder -> { });
    SessionSink alice = SessionSink.connect(engine);
    SessionSink bob = SessionSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("room"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("room"));
    bob.drop();
    SessionEndRequest request = new SessionEndRequest(TokenDigest.of(bob.welcome().resumeToken()), null);

    assertEquals(SessionEndResult.ENDED, answer(backend.localPeers.endSession(request)));
    assertEquals(new ServerEvent.Bye("room", bob.peer.id()), alice.events.get(alice.events.size() - 1).event());
    assertFalse(bob.peer.isOpen());
    assertEquals(0, engine.detachedSessionCount());
    assertEquals(SessionEndResult.NOT_FOUND, answer(backend.localPeers.endSession(request)));
  }

  @Test
  void aSessionStillAttachedIsLeftAsItIs() {
    SignalingEngine engine = engine(builder -> { });
    SessionSink bob = SessionSink.connect(engine);
    bob.peer.receive(new ClientEvent.CreateOrJoin("room"));

    assertEquals(SessionEndResult.IN_USE, answer(backend.localPeers.endSession(
        new SessionEndRequest(TokenDigest.of(bob.welcome().resumeToken()), null))));
    assertTrue(bob.peer.isOpen());
    assertEquals(java.util.Optional.of("room"), bob.peer.room());
  }

  @Test
  void withAuthenticationOnlyTheSessionsSubjectMayEndIt() {
    SignalingEngine engine = engine(builder -> builder.authenticator(NAMED));
    SessionSink bob = SessionSink.connect(engine, Handshake.builder().rawQuery("token=bob").build(), null);
    bob.drop();
    String digest = TokenDigest.of(bob.welcome().resumeToken());

    assertEquals(SessionEndResult.FORBIDDEN, answer(backend.localPeers.endSession(new SessionEndRequest(digest, "mallory"))));
    assertEquals(SessionEndResult.FORBIDDEN, answer(backend.localPeers.endSession(new SessionEndRequest(digest, null))));
    assertEquals(1, engine.detachedSessionCount());
    assertEquals(SessionEndResult.ENDED, answer(backend.localPeers.endSession(new SessionEndRequest(digest, "bob"))));
    assertEquals(0, engine.detachedSessionCount());
  }

  @Test
  void withAuthenticationTheRequestCarriesTheSubjectAndARefusedClientAsksNothing() {
    SignalingEngine engine = engine(builder -> builder.authenticator(NAMED));

    SessionSink refused = SessionSink.connect(engine, Handshake.empty(), new ResumeRequest("token", 0));
    assertEquals(ErrorCode.UNAUTHORIZED, refused.refusedWith.code());
    assertEquals(null, backend.asked);
    assertEquals(List.of(), refused.notices);

    SessionSink bob = SessionSink.connect(engine, Handshake.builder().rawQuery("token=bob").build(),
        new ResumeRequest("token", 0));
    assertEquals(new SessionEndRequest(TokenDigest.of("token"), "bob"), backend.asked);
    backend.answer.complete(SessionEndResult.NOT_FOUND);
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), bob.notices.get(0));
  }

  private static SessionEndResult answer(CompletionStage<SessionEndResult> stage) {
    CompletableFuture<SessionEndResult> future = stage.toCompletableFuture();
    assertTrue(future.isDone(), "in memory, the session ends at once");
    return future.join();
  }
}
