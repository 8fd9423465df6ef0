package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A drain (close 1012, service restart) with resumable sessions: a server close is never
 * resumable, so every session ends at once, attached or waiting, and nothing of it is left for
 * a replay.
 */
class ResumeDrainTest {
  private final SteppedScheduler scheduler = new SteppedScheduler();
  private final RecordingObserver observer = new RecordingObserver();
  private final SignalingEngine engine = SignalingEngine.builder()
      .config(SignalingConfig.DEFAULT) // resume on: the library's default
      .resumeScheduler(scheduler)
      .observer(observer)
      .build();

  private SessionSink[] pair(String room) {
    SessionSink alice = SessionSink.connect(engine);
    SessionSink bob = SessionSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin(room));
    bob.peer.receive(new ClientEvent.CreateOrJoin(room));
    return new SessionSink[] {alice, bob};
  }

  private ResumeOutcome resume(SessionSink old) {
    SessionSink again = SessionSink.connect(engine, new ResumeRequest(old.welcome().resumeToken(), old.lastSeq()));
    return ((SessionNotice.ResumeFailed) again.notices.get(0)).outcome();
  }

  @Test
  void aDrainEndsAWaitingSessionAtOnceWithoutWaitingForItsWindow() throws Exception {
    assertTrue(engine.config().resume().enabled(), "resume is on by default");
    SessionSink[] pair = pair("foo");
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.drop();
    assertEquals(1, engine.detachedSessionCount());

    // The stepped scheduler never lets the 30 s window pass: only the drain can end bob.
    assertTrue(engine.drain(Duration.ofSeconds(5)), "the drain does not wait for the resume window");

    assertEquals(CloseReason.SERVICE_RESTART, alice.closedWith);
    assertFalse(bob.peer.isOpen());
    assertEquals(0, engine.detachedSessionCount());
    assertEquals(0, engine.sessionCount(), "no session is kept for a replay");
    assertEquals(0, engine.peerCount());
    assertEquals(0, engine.roomCount());
    assertEquals(0, scheduler.pending(), "the window's timer is cancelled");
    assertEquals(ResumeOutcome.UNKNOWN, resume(bob));
    assertEquals(ResumeOutcome.UNKNOWN, resume(alice));
    assertEquals(List.of("resume unknown", "resume unknown"), observer.callsStartingWith("resume"));
  }

  @Test
  void drainedAttachedSessionsAreNotResumableAndTheirPartnersAreToldByeNotADisconnect() throws Exception {
    SessionSink[] pair = pair("foo");
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    int aliceBefore = alice.events.size();
    int bobBefore = bob.events.size();

    assertTrue(engine.drain(Duration.ofSeconds(5)));

    assertEquals(CloseReason.SERVICE_RESTART, alice.closedWith);
    assertEquals(CloseReason.SERVICE_RESTART, bob.closedWith);
    // Whichever is closed first leaves while the other is still connected: that one gets bye.
    List<String> toAlice = alice.names().subList(aliceBefore, alice.names().size());
    List<String> toBob = bob.names().subList(bobBefore, bob.names().size());
    assertEquals(List.of("bye"), Stream.concat(toAlice.stream(), toBob.stream()).toList());
    assertEquals(0, engine.sessionCount());
    assertEquals(0, engine.detachedSessionCount());
    assertEquals(0, engine.roomCount());
    assertEquals(0, scheduler.pending());
    assertEquals(ResumeOutcome.UNKNOWN, resume(alice));
    assertEquals(ResumeOutcome.UNKNOWN, resume(bob));
    assertEquals(0, engine.resumeOutcomes().get(ResumeOutcome.RESUMED));
  }
}
