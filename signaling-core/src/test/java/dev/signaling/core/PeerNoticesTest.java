package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code peer-disconnected} / {@code peer-reconnected}: what a dropped peer's room partners are
 * told while its session waits to be resumed (docs/PROTOCOL.md, "Resume").
 */
class PeerNoticesTest {
  private static final Duration WINDOW = ResumePolicy.DEFAULT.window();

  private final SteppedScheduler scheduler = new SteppedScheduler();

  private SignalingEngine engine(ResumePolicy policy) {
    return SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(policy).build())
        .resumeScheduler(scheduler)
        .build();
  }

  /** Alice and Bob in room "foo". */
  private static SessionSink[] pair(SignalingEngine engine) {
    return pair(engine, "foo");
  }

  private static SessionSink[] pair(SignalingEngine engine, String room) {
    SessionSink alice = SessionSink.connect(engine);
    SessionSink bob = SessionSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin(room));
    bob.peer.receive(new ClientEvent.CreateOrJoin(room));
    return new SessionSink[] {alice, bob};
  }

  private static List<ServerEvent> eventsAfter(SessionSink sink, int skip) {
    return sink.events.subList(skip, sink.events.size()).stream().map(SessionSink.Numbered::event).toList();
  }

  @Test
  void thePartnerIsToldWhenThePeersConnectionDropsAndWhenItResumes() {
    SignalingEngine engine = engine(ResumePolicy.DEFAULT);
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    int before = alice.events.size();

    bob.drop();
    assertEquals(List.of(new ServerEvent.PeerDisconnected("foo", bob.peer.id())), eventsAfter(alice, before));

    SessionSink bob2 = SessionSink.connect(engine, new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq()));
    assertEquals(List.of(new ServerEvent.PeerDisconnected("foo", bob.peer.id()),
        new ServerEvent.PeerReconnected("foo", bob.peer.id())), eventsAfter(alice, before));
    assertEquals(List.of(), bob2.events, "the notices go to the others only");
    assertTrue(bob.peer.isOpen());
  }

  @Test
  void whenThePeersWindowPassesThePartnerGetsByeAfterTheNotice() {
    SignalingEngine engine = engine(ResumePolicy.DEFAULT);
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    int before = alice.events.size();

    bob.drop();
    scheduler.advance(WINDOW);

    assertEquals(List.of(new ServerEvent.PeerDisconnected("foo", bob.peer.id()),
        new ServerEvent.Bye("foo", bob.peer.id())), eventsAfter(alice, before));
  }

  @Test
  void theNoticesComeAfterWhatThePeerSentBeforeItDropped() {
    SignalingEngine engine = engine(ResumePolicy.DEFAULT);
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    int before = alice.events.size();

    bob.peer.receive(new ClientEvent.Message(RawJson.parse("{\"type\":\"offer\"}"), null), 1);
    bob.drop();

    assertEquals(List.of("message", "peer-disconnected"),
        eventsAfter(alice, before).stream().map(ServerEvent::name).toList());
  }

  @Test
  void aPeerOutsideARoomHasNoOneToTell() {
    SignalingEngine engine = engine(ResumePolicy.DEFAULT);
    SessionSink alice = SessionSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    SessionSink loner = SessionSink.connect(engine);

    loner.drop();
    SessionSink.connect(engine, new ResumeRequest(loner.welcome().resumeToken(), 0));

    assertEquals(List.of("created"), alice.names());
  }

  @Test
  void anOrderlyCloseOrAServerCloseIsByeAloneWithNoNotice() {
    SignalingEngine engine = engine(ResumePolicy.DEFAULT);
    SessionSink[] pair = pair(engine);
    int before = pair[0].events.size();
    pair[1].peer.disconnected();
    assertEquals(List.of(new ServerEvent.Bye("foo", pair[1].peer.id())), eventsAfter(pair[0], before));

    SessionSink[] other = pair(engine, "bar");
    before = other[0].events.size();
    other[1].peer.close(CloseReason.POLICY_VIOLATION, "too many errors"); // the sink reports a drop
    assertEquals(List.of(new ServerEvent.Bye("bar", other[1].peer.id())), eventsAfter(other[0], before));
  }

  @Test
  void withNotifyPeersOffThePartnerSeesNothingUntilBye() {
    SignalingEngine engine = engine(ResumePolicy.builder().notifyPeers(false).build());
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    int before = alice.events.size();

    bob.drop();
    SessionSink bob2 = SessionSink.connect(engine, new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq()));
    bob2.drop();
    scheduler.advance(WINDOW);

    assertEquals(List.of(new ServerEvent.Bye("foo", bob.peer.id())), eventsAfter(alice, before));
  }

  @Test
  void repeatedDropsAndResumesAlternateTheNotices() {
    SignalingEngine engine = engine(ResumePolicy.DEFAULT);
    SessionSink[] pair = pair(engine);
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    int before = alice.events.size();
    SessionSink current = bob;
    for (int i = 0; i < 3; i++) {
      current.drop();
      current = SessionSink.connect(engine, new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq()));
    }

    List<String> names = eventsAfter(alice, before).stream().map(ServerEvent::name).toList();
    assertEquals(List.of("peer-disconnected", "peer-reconnected", "peer-disconnected", "peer-reconnected",
        "peer-disconnected", "peer-reconnected"), names);
    assertFalse(names.contains("bye"));
  }
}
