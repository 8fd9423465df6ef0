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
  /** The library's default policy: notices on. */
  private final SignalingEngine engine = engine(ResumePolicy.DEFAULT);
  private final SessionSink[] pair = pair(engine);
  private final SessionSink alice = pair[0];
  private final SessionSink bob = pair[1];
  /** What alice was told before the test's own steps. */
  private final int before = alice.events.size();

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

    bob.drop();
    scheduler.advance(WINDOW);

    assertEquals(List.of(new ServerEvent.PeerDisconnected("foo", bob.peer.id()),
        new ServerEvent.Bye("foo", bob.peer.id())), eventsAfter(alice, before));
  }

  @Test
  void theNoticesComeAfterWhatThePeerSentBeforeItDropped() {

    bob.peer.receive(new ClientEvent.Message(RawJson.parse("{\"type\":\"offer\"}"), null), 1);
    bob.drop();

    assertEquals(List.of("message", "peer-disconnected"),
        eventsAfter(alice, before).stream().map(ServerEvent::name).toList());
  }

  @Test
  void aPeerOutsideARoomHasNoOneToTell() {
    SessionSink loner = SessionSink.connect(engine);

    loner.drop();
    SessionSink.connect(engine, new ResumeRequest(loner.welcome().resumeToken(), 0));

    assertEquals(List.of(), eventsAfter(alice, before));
    assertEquals(List.of(), eventsAfter(bob, 2), "bob got joined and ready, nothing more");
  }

  @Test
  void anOrderlyCloseOrAServerCloseIsByeAloneWithNoNotice() {
    bob.peer.disconnected();
    assertEquals(List.of(new ServerEvent.Bye("foo", bob.peer.id())), eventsAfter(alice, before));

    SessionSink[] other = pair(engine, "bar");
    int otherBefore = other[0].events.size();
    other[1].peer.close(CloseReason.POLICY_VIOLATION, "too many errors"); // the sink reports a drop
    assertEquals(List.of(new ServerEvent.Bye("bar", other[1].peer.id())), eventsAfter(other[0], otherBefore));
  }

  @Test
  void withNotifyPeersOffThePartnerSeesNothingUntilBye() {
    SignalingEngine quiet = engine(ResumePolicy.builder().notifyPeers(false).build());
    SessionSink[] quietPair = pair(quiet, "quiet");
    SessionSink carol = quietPair[0];
    SessionSink dave = quietPair[1];
    int carolBefore = carol.events.size();

    dave.drop();
    SessionSink dave2 = SessionSink.connect(quiet, new ResumeRequest(dave.welcome().resumeToken(), dave.lastSeq()));
    dave2.drop();
    scheduler.advance(WINDOW);

    assertEquals(List.of(new ServerEvent.Bye("quiet", dave.peer.id())), eventsAfter(carol, carolBefore));
  }

  @Test
  void repeatedDropsAndResumesAlternateTheNotices() {
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
