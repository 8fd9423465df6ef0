package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client that reconnects before the server noticed its old connection's end: its resume
 * finds the session still attached. It waits for the grace ({@link
 * ResumePolicy#reconnectGrace()}) while the old connection is asked for a sign of life, and
 * resumes as soon as that connection's end is reported; a connection that stays alive keeps its
 * session (a stolen token is still refused).
 */
class ReconnectGraceTest {
  private static final Duration GRACE = ResumePolicy.DEFAULT_RECONNECT_GRACE;

  private final SteppedScheduler scheduler = new SteppedScheduler();
  private final SignalingEngine engine = engine(ResumePolicy.DEFAULT);

  private SignalingEngine engine(ResumePolicy policy) {
    return scheduler.engine(policy);
  }

  private static RawJson payload(int n) {
    return RawJson.parse("{\"n\":" + n + "}");
  }

  private static SessionSink[] pair(SignalingEngine engine) {
    return SessionSink.pair(engine);
  }

  private static ResumeRequest resumeOf(SessionSink sink, long lastSeq) {
    return sink.resumeFrom(lastSeq);
  }

  @Test
  void aResumeThatOvertakesTheOldConnectionsEndWaitsForItAndResumesEveryEventOnceInOrder() {
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    alice.peer.receive(new ClientEvent.Message(payload(1), null), 1);
    long bobSaw = bob.lastSeq(); // the last event bob's client processed before its link died

    CompletableFuture<SessionSink> bob2 = SessionSink.connectAsync(engine, resumeOf(bob, bobSaw));
    assertFalse(bob2.isDone(), "the old connection is still attached: the resume waits");
    assertEquals(List.of(GRACE.dividedBy(2)), bob.probes, "the old connection was asked for a sign of life");
    // Meanwhile events go to the old connection, whose client never gets them.
    alice.peer.receive(new ClientEvent.Message(payload(2), null), 2);
    alice.peer.receive(new ClientEvent.Message(payload(3), null), 3);
    scheduler.advance(Duration.ofMillis(300));
    assertFalse(bob2.isDone());

    bob.drop(); // the server notices the old connection's end
    scheduler.advance(Duration.ZERO);

    assertTrue(bob2.isDone());
    SessionSink resumed = bob2.join();
    assertSame(bob.peer, resumed.peer, "the same session");
    assertEquals(List.of(new SessionNotice.Resumed(bob.peer.id(), 0)), resumed.notices);
    assertEquals(List.of(
        new SessionSink.Numbered(bobSaw + 1, new ServerEvent.Message(payload(2), alice.peer.id())),
        new SessionSink.Numbered(bobSaw + 2, new ServerEvent.Message(payload(3), alice.peer.id()))), resumed.events);
    alice.peer.receive(new ClientEvent.Message(payload(4), null), 4);
    assertEquals(List.of(bobSaw + 1, bobSaw + 2, bobSaw + 3), resumed.seqs(), "and on, each once, in order");
    assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.RESUMED));
    assertEquals(0, engine.resumeOutcomes().get(ResumeOutcome.IN_USE));
    assertFalse(alice.names().contains("bye"));
    scheduler.advance(GRACE);
    assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.RESUMED), "decided once");
    assertEquals(0, scheduler.pending(), "no timer left behind");
  }

  @Test
  void aStolenTokenUsedWhileItsOwnerStaysConnectedIsRefusedAfterTheGrace() {
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];

    CompletableFuture<SessionSink> thief = SessionSink.connectAsync(engine, resumeOf(bob, 0));
    scheduler.advance(GRACE.minusMillis(1));
    assertFalse(thief.isDone());
    scheduler.advance(Duration.ofMillis(1));

    SessionSink refused = thief.join();
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.IN_USE), refused.notices.get(0));
    assertNotEquals(bob.peer.id(), refused.peer.id());
    assertEquals(List.of(), refused.events, "nothing of the owner's session is replayed");
    alice.peer.receive(new ClientEvent.Message(payload(1), null));
    assertEquals("message", bob.names().get(bob.names().size() - 1), "the owner carries on");
    assertTrue(bob.peer.isOpen());
    assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.IN_USE));
  }

  @Test
  void withoutAGraceAResumeOfAnAttachedSessionIsRefusedAtOnce() {
    SignalingEngine noGrace = engine(ResumePolicy.builder().reconnectGrace(Duration.ZERO).build());
    SessionSink bob = pair(noGrace)[1];

    CompletableFuture<SessionSink> thief = SessionSink.connectAsync(noGrace, resumeOf(bob, 0));
    assertTrue(thief.isDone());
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.IN_USE), thief.join().notices.get(0));
    assertEquals(List.of(), bob.probes);
  }

  @Test
  void aResumeOfADetachedSessionOrANewConnectionDoesNotWait() {
    SessionSink bob = pair(engine)[1];
    bob.drop();
    CompletableFuture<SessionSink> resumed = SessionSink.connectAsync(engine, resumeOf(bob, bob.lastSeq()));
    assertTrue(resumed.isDone());
    assertSame(bob.peer, resumed.join().peer);
    assertTrue(SessionSink.connectAsync(engine, null).isDone());
  }

  @Test
  void aSessionThatEndsWhileAResumeWaitsIsNotResumed() {
    SessionSink[] pair = pair(engine);
    SessionSink bob = pair[1];
    CompletableFuture<SessionSink> late = SessionSink.connectAsync(engine, resumeOf(bob, 0));
    bob.peer.disconnected(); // an orderly close: the session ended
    scheduler.advance(Duration.ZERO);

    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), late.join().notices.get(0));
    assertEquals("bye", pair[0].names().get(pair[0].names().size() - 1));
  }
}
