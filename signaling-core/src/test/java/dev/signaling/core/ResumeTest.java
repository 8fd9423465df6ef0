package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResumeTest {
  private static final Duration WINDOW = Duration.ofSeconds(30);

  private final SteppedScheduler scheduler = new SteppedScheduler();
  private SignalingEngine engine = engine(ResumePolicy.DEFAULT);

  private SignalingEngine engine(ResumePolicy policy) {
    return scheduler.engine(policy);
  }

  private static RawJson payload(int n) {
    return RawJson.parse("{\"n\":" + n + "}");
  }

  /** Alice and Bob in room "foo", their join events already seen. */
  private SessionSink[] pair() {
    return SessionSink.pair(engine);
  }

  private static ResumeRequest resumeOf(SessionSink sink, long lastSeq) {
    return sink.resumeFrom(lastSeq);
  }

  @Test
  void aNewSessionIsWelcomedFirstWithATokenDistinctFromItsPeerId() {
    SessionSink alice = SessionSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));

    SessionNotice.Welcome welcome = alice.welcome();
    assertEquals(1, alice.notices.size());
    assertEquals(alice.peer.id(), welcome.peerId());
    assertEquals(WINDOW, welcome.window());
    assertNotEquals(alice.peer.id(), welcome.resumeToken());
    assertTrue(welcome.resumeToken().length() >= 22, "at least 128 bits in base64url");
    assertEquals(List.of(1L), alice.seqs());
    assertEquals(new ServerEvent.Created("foo", alice.peer.id()), alice.events.get(0).event());
  }

  @Test
  void eventsAreNumberedOneTwoThreePerSession() {
    SessionSink[] pair = pair();
    pair[1].peer.receive(new ClientEvent.Message(payload(1), null));

    assertEquals(List.of(1L, 2L, 3L, 4L), pair[0].seqs());
    assertEquals(List.of("created", "join", "ready", "message"), pair[0].names());
    assertEquals(List.of(1L, 2L), pair[1].seqs());
  }

  @Test
  void aDroppedPeerStaysInItsRoomAndResumesWithTheEventsItMissedInOrder() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    alice.peer.receive(new ClientEvent.Message(payload(1), null), 1);
    long bobSaw = bob.lastSeq(); // joined, ready, message 1
    bob.peer.receive(new ClientEvent.Message(payload(100), null), 1);
    bob.drop();
    alice.peer.receive(new ClientEvent.Message(payload(2), null), 2);
    alice.peer.receive(new ClientEvent.Message(payload(3), null), 3);

    assertFalse(alice.names().contains("bye"), "no bye during the window");
    assertEquals(Optional.of("foo"), bob.peer.room());

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, bobSaw));
    assertSame(bob.peer, bob2.peer);
    assertEquals(List.of(new SessionNotice.Resumed(bob.peer.id(), 1)), bob2.notices);
    assertEquals(List.of(
        new SessionSink.Numbered(4, new ServerEvent.Message(payload(2), alice.peer.id())),
        new SessionSink.Numbered(5, new ServerEvent.Message(payload(3), alice.peer.id()))), bob2.events);

    alice.peer.receive(new ClientEvent.Message(payload(4), null), 4);
    assertEquals(6, bob2.lastSeq());
    assertEquals(List.of(), bob.events.subList(3, bob.events.size()), "nothing more to the dropped connection");
    assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.RESUMED));
  }

  @Test
  void aResumeReplaysOnlyWhatTheClientHadNotReceived() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    for (int i = 1; i <= 5; i++) {
      alice.peer.receive(new ClientEvent.Message(payload(i), null));
    }
    bob.drop(); // bob got seq 1..7, but say its client processed only up to 4

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, 4));
    assertEquals(List.of(5L, 6L, 7L), bob2.seqs());
    assertEquals(bob.events.subList(4, 7), bob2.events);
  }

  @Test
  void aClientEventRepeatedWithTheSameSeqIsProcessedOnce() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    assertTrue(alice.peer.receive(new ClientEvent.Message(payload(1), null), 1));
    assertFalse(alice.peer.receive(new ClientEvent.Message(payload(1), null), 1), "a repeat is reported");
    assertTrue(alice.peer.receive(new ClientEvent.Message(payload(2), null), 2));
    assertFalse(alice.peer.receive(new ClientEvent.Message(payload(1), null), 1));
    assertTrue(alice.peer.receive(new ClientEvent.Message(payload(3), null), 0), "unnumbered events always pass");

    assertEquals(List.of("joined", "ready", "message", "message", "message"), bob.names());
    assertEquals(2, alice.peer.lastClientSeq());
  }

  @Test
  void afterTheWindowTheResumeFailsTheClientGetsANewSessionAndThePartnerGotBye() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.drop();
    scheduler.advance(WINDOW.minusMillis(1));
    assertFalse(alice.names().contains("bye"));

    scheduler.advance(Duration.ofMillis(1));
    assertEquals(new ServerEvent.Bye("foo", bob.peer.id()), alice.events.get(alice.events.size() - 1).event());
    assertFalse(bob.peer.isOpen());

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, bob.lastSeq()));
    assertNotEquals(bob.peer.id(), bob2.peer.id());
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), bob2.notices.get(0));
    assertEquals(bob2.peer.id(), assertInstanceOf(SessionNotice.Welcome.class, bob2.notices.get(1)).peerId());
    assertNotEquals(bob.welcome().resumeToken(), bob2.welcome().resumeToken());
    assertEquals(Optional.empty(), bob2.peer.room());
  }

  @Test
  void aBufferOverflowWhileDetachedEndsTheSessionAtOnceAndItsResumeFails() {
    engine = engine(ResumePolicy.builder().maxEvents(5).build());
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.drop();
    for (int i = 1; i <= 5; i++) {
      alice.peer.receive(new ClientEvent.Message(payload(i), null));
    }
    assertFalse(alice.names().contains("bye"), "five missed events fit");

    alice.peer.receive(new ClientEvent.Message(payload(6), null));
    assertEquals(new ServerEvent.Bye("foo", bob.peer.id()), alice.events.get(alice.events.size() - 1).event());
    assertEquals(0, scheduler.pending(), "the window's timer is cancelled");

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, 2));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), bob2.notices.get(0));
  }

  @Test
  void aResumeFromBeforeWhatTheBufferStillHoldsFailsAsOverflowedAndThePartnerGetsBye() {
    engine = engine(ResumePolicy.builder().maxEvents(3).build());
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    for (int i = 1; i <= 3; i++) {
      alice.peer.receive(new ClientEvent.Message(payload(i), null));
    }
    bob.drop(); // bob's 5 events, the last 3 held

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, 1));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.OVERFLOWED), bob2.notices.get(0));
    assertEquals(new ServerEvent.Bye("foo", bob.peer.id()), alice.events.get(alice.events.size() - 1).event());
    assertEquals(1, engine.resumeOutcomes().get(ResumeOutcome.OVERFLOWED));
  }

  @Test
  void aBufferOverflowIsCountedInBytesToo() {
    engine = engine(ResumePolicy.builder().maxBytes(1000).build());
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.drop();
    alice.peer.receive(new ClientEvent.Message(RawJson.string("x".repeat(2000)), null));

    assertEquals(new ServerEvent.Bye("foo", bob.peer.id()), alice.events.get(alice.events.size() - 1).event());
  }

  @Test
  void aStolenTokenUsedWhileItsOwnerIsConnectedIsRefusedAndTheOwnerCarriesOn() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];

    SessionSink thief = SessionSink.connect(engine, resumeOf(bob, 0));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.IN_USE), thief.notices.get(0));
    assertNotEquals(bob.peer.id(), thief.peer.id());
    assertEquals(List.of(), thief.events, "nothing of the owner's session is replayed");

    alice.peer.receive(new ClientEvent.Message(payload(1), null));
    assertEquals("message", bob.names().get(bob.names().size() - 1));
    assertFalse(alice.names().contains("bye"));
    assertTrue(bob.peer.isOpen());
  }

  @Test
  void aResumeClaimingEventsNeverSentFailsAndEndsTheOldSession() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.drop();

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, 99));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.INVALID_SEQ), bob2.notices.get(0));
    assertEquals("bye", alice.names().get(alice.names().size() - 1));
  }

  @Test
  void acknowledgedEventsAreNoLongerKeptForReplay() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    alice.peer.receive(new ClientEvent.Message(payload(1), null));
    bob.peer.acknowledged(2);
    bob.drop();

    assertEquals(ResumeOutcome.OVERFLOWED, SessionSink.connect(engine, resumeOf(bob, 1)).notices.stream()
        .map(n -> ((SessionNotice.ResumeFailed) n).outcome()).findFirst().orElseThrow());
  }

  @Test
  void aResumeAfterAnAcknowledgementReplaysTheRest() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    alice.peer.receive(new ClientEvent.Message(payload(1), null));
    bob.peer.acknowledged(2);
    bob.drop();

    SessionSink bob2 = SessionSink.connect(engine, resumeOf(bob, 2));
    assertEquals(List.of(3L), bob2.seqs());
  }

  @Test
  void aSessionTheServerClosesEndsAtOnce() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.peer.close(CloseReason.POLICY_VIOLATION, "too many errors");

    assertEquals("bye", alice.names().get(alice.names().size() - 1));
    assertEquals(0, scheduler.pending());
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN),
        SessionSink.connect(engine, resumeOf(bob, bob.lastSeq())).notices.get(0));
  }

  @Test
  void anOrderlyDisconnectEndsTheSessionAtOnce() {
    SessionSink[] pair = pair();
    pair[1].peer.disconnected();

    assertEquals("bye", pair[0].names().get(pair[0].names().size() - 1));
    assertEquals(0, scheduler.pending());
  }

  @Test
  void aSessionCanDropAndResumeManyTimes() {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    SessionSink current = bob;
    for (int i = 1; i <= 5; i++) {
      current.drop();
      alice.peer.receive(new ClientEvent.Message(payload(i), null), i);
      long seen = current.lastSeq();
      SessionSink next = SessionSink.connect(engine, new ResumeRequest(bob.welcome().resumeToken(), seen));
      assertEquals(List.of((long) i + 2), next.seqs());
      current = next;
    }
    scheduler.advance(WINDOW.multipliedBy(2));
    assertFalse(alice.names().contains("bye"), "stale window timers do not end a resumed session");
  }

  @Test
  void withResumeOffThereIsNoWelcomeAndAResumeIsRefused() {
    engine = engine(ResumePolicy.OFF);
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    assertEquals(List.of("created"), alice.names());
    assertFalse(alice.peer.isResumable());

    SessionSink other = SessionSink.connect(engine, new ResumeRequest("whatever", 0));
    assertEquals(List.of(new SessionNotice.ResumeFailed(ResumeOutcome.DISABLED)), other.notices);
  }
}
