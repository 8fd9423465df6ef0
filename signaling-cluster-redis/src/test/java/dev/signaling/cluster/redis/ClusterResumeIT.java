package dev.signaling.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.Authenticator;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.RawJson;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.ResumeRequest;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SessionNotice;
import dev.signaling.core.SessionSink;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resume in a cluster (docs/CLUSTER.md, "Resume"): on the node that held the session it resumes
 * with the events other nodes sent meanwhile; on another node the old session is ended where it
 * lives before the client is told {@code resume-failed}, so it starts over cleanly: its place in
 * the room is free and its partner got {@code bye}.
 */
class ClusterResumeIT {
  private static final Consumer<SignalingEngine.Builder> RESUMABLE =
      engine -> engine.config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build());

  @RegisterExtension
  static final ClusterPerTest clusters = new ClusterPerTest(2, RESUMABLE);
  private TestCluster cluster;

  @BeforeEach
  void cluster() {
    cluster = clusters.get();
  }

  /** Alice on node {@code aliceNode} and Bob on node {@code bobNode}, paired in "room". */
  private static SessionSink[] pair(TestCluster cluster, int aliceNode, int bobNode, Handshake alicesHandshake,
      Handshake bobsHandshake) throws InterruptedException {
    SessionSink alice = SessionSink.connect(cluster.engines.get(aliceNode), alicesHandshake, null);
    SessionSink bob = SessionSink.connect(cluster.engines.get(bobNode), bobsHandshake, null);
    alice.peer.receive(new ClientEvent.CreateOrJoin("room"));
    Await.until(TestCluster.DELIVERY, () -> alice.names().contains("created"), () -> alice.names().toString());
    bob.peer.receive(new ClientEvent.CreateOrJoin("room"));
    Await.until(TestCluster.DELIVERY, () -> alice.names().contains("ready") && bob.names().contains("ready"),
        () -> alice.names() + " " + bob.names());
    return new SessionSink[] {alice, bob};
  }

  private SessionSink[] pair() throws InterruptedException {
    return pair(cluster, 0, 1, Handshake.empty(), Handshake.empty());
  }

  /** Waits for the resume's answer and the new session's welcome. */
  private static SessionNotice awaitResumeAnswer(SessionSink sink) throws InterruptedException {
    Await.until(TestCluster.DELIVERY.plus(TestCluster.SESSION_END_TIMEOUT), () -> sink.notices.size() >= 2,
        () -> "notices: " + sink.notices);
    assertTrue(sink.notices.get(1) instanceof SessionNotice.Welcome, () -> "notices: " + sink.notices);
    return sink.notices.get(0);
  }

  @Test
  void aSessionResumesOnItsOwnNodeWithWhatOtherNodesSentMeanwhile() throws Exception {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    long seen = bob.lastSeq();
    bob.drop();
    for (int n = 1; n <= 20; n++) {
      alice.peer.receive(new ClientEvent.Message(RawJson.parse("{\"n\":" + n + "}"), null), n);
    }

    // Cross-node delivery is asynchronous: some events are replayed, the rest arrive live; either
    // way each once, in order, numbered on.
    SessionSink bob2 = SessionSink.connect(cluster.engines.get(1),
        new ResumeRequest(bob.welcome().resumeToken(), seen));
    assertSame(bob.peer, bob2.peer);
    assertEquals(List.of(new SessionNotice.Resumed(bob.peer.id(), 0)), bob2.notices);
    Await.until(TestCluster.DELIVERY, () -> bob2.events.size() >= 20, () -> "bob got " + bob2.events);
    Thread.sleep(200); // nothing more may come
    assertEquals(20, bob2.events.size(), () -> "bob got " + bob2.events);
    for (int n = 1; n <= 20; n++) {
      assertEquals(new ServerEvent.Message(RawJson.parse("{\"n\":" + n + "}"), alice.peer.id()),
          bob2.events.get(n - 1).event());
      assertEquals(seen + n, bob2.events.get(n - 1).seq());
    }
    assertFalse(alice.names().contains("bye"));
    assertEquals(Optional.of("room"), bob.peer.room());
  }

  @Test
  void aResumeOnAnotherNodeEndsTheOldSessionThereSoTheClientStartsOverCleanly() throws Exception {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];
    bob.drop(); // its connection to node 1 is gone; a load balancer sends it to node 0

    long started = System.nanoTime();
    SessionSink elsewhere = SessionSink.connect(cluster.engines.get(0),
        new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq()));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.ENDED_ELSEWHERE), awaitResumeAnswer(elsewhere));
    System.out.println("cross-node resume: resume-failed ended-elsewhere after "
        + Duration.ofNanos(System.nanoTime() - started).toNanos() / 1e6 + " ms"); // polled every few ms
    // Node 1 sent the bye before its answer, through the same inbox: Alice has it already.
    assertEquals(List.of("created", "join", "ready", "bye"), roomEvents(alice));
    assertEquals(new ServerEvent.Bye("room", bob.peer.id()), last(alice, "bye"));
    assertNotEquals(bob.peer.id(), elsewhere.peer.id());
    assertFalse(bob.peer.isOpen());
    assertEquals(0, cluster.engines.get(1).detachedSessionCount());

    elsewhere.peer.receive(new ClientEvent.CreateOrJoin("room"));
    Await.until(TestCluster.DELIVERY, () -> roomEvents(alice).size() >= 6 && elsewhere.names().contains("ready"),
        () -> "alice: " + alice.names() + ", bob's new session: " + elsewhere.names());
    assertEquals(List.of("joined", "ready"), elsewhere.names());
    assertEquals(List.of("created", "join", "ready", "bye", "join", "ready"), roomEvents(alice));
    assertEquals(new ServerEvent.Join("room", elsewhere.peer.id()), last(alice, "join"));
    assertEquals(Map.of(ResumeOutcome.ENDED_ELSEWHERE, 1L), nonZero(cluster.engines.get(0)));
  }

  @Test
  void aTokenUnknownEverywhereIsAnsweredOnceEveryOtherNodeHasSaidSo() throws Exception {
    long started = System.nanoTime();
    SessionSink stranger = SessionSink.connect(cluster.engines.get(0), new ResumeRequest("no-such-token", 0));

    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), awaitResumeAnswer(stranger));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println("cross-node resume: resume-failed unknown after " + took.toNanos() / 1e6 + " ms");
    assertTrue(took.compareTo(TestCluster.SESSION_END_TIMEOUT) < 0, "answered by the other node, not the timeout: " + took);
    stranger.peer.receive(new ClientEvent.CreateOrJoin("room"));
    Await.until(TestCluster.DELIVERY, () -> stranger.names().contains("created"), () -> stranger.names().toString());
  }

  @Test
  void aNodeThatDoesNotAnswerDelaysTheAnswerOnlyUntilTheBound() throws Exception {
    cluster.backends.get(1).halt(); // crashed: still counted alive until its deadline passes

    long started = System.nanoTime();
    SessionSink stranger = SessionSink.connect(cluster.engines.get(0), new ResumeRequest("no-such-token", 0));

    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), awaitResumeAnswer(stranger));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(TestCluster.SESSION_END_TIMEOUT.multipliedBy(9).dividedBy(10)) >= 0,
        "waited for the silent node: " + took);
    assertTrue(took.compareTo(TestCluster.SESSION_END_TIMEOUT.plus(TestCluster.DELIVERY)) < 0,
        "then answered: " + took);
  }

  @Test
  void aTokenStillInUseOnAnotherNodeIsRefusedAndItsOwnerKeepsItsSession() throws Exception {
    SessionSink[] pair = pair();
    SessionSink alice = pair[0];
    SessionSink bob = pair[1];

    SessionSink thief = SessionSink.connect(cluster.engines.get(0),
        new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq()));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.IN_USE), awaitResumeAnswer(thief));

    assertTrue(bob.peer.isOpen());
    alice.peer.receive(new ClientEvent.Message(RawJson.parse("\"still there?\""), null));
    Await.until(TestCluster.DELIVERY, () -> bob.names().contains("message"), () -> bob.names().toString());
    assertFalse(alice.names().contains("bye"));
  }

  @Test
  void withAuthenticationOnlyTheSessionsOwnSubjectEndsItOnAnotherNode() throws Exception {
    // Admits whoever names itself in the credential, at once (a token checked locally).
    Authenticator named = handshake -> handshake.credential()
        .map(subject -> CompletableFuture.completedStage(Identity.builder(subject).build()))
        .orElseGet(() -> Authenticator.refuse("no credential"));
    try (TestCluster secured = new TestCluster(clusters.redis(), 2, RESUMABLE.andThen(engine -> engine.authenticator(named)))) {
      SessionSink[] pair = pair(secured, 0, 1, credential("alice"), credential("bob"));
      SessionSink alice = pair[0];
      SessionSink bob = pair[1];
      bob.drop();
      ResumeRequest bobsToken = new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq());

      SessionSink mallory = SessionSink.connect(secured.engines.get(0), credential("mallory"), bobsToken);
      assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.FORBIDDEN), awaitResumeAnswer(mallory));
      assertEquals(1, secured.engines.get(1).detachedSessionCount());
      assertFalse(alice.names().contains("bye"));

      SessionSink bobAgain = SessionSink.connect(secured.engines.get(0), credential("bob"), bobsToken);
      assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.ENDED_ELSEWHERE), awaitResumeAnswer(bobAgain));
      assertTrue(alice.names().contains("bye"), () -> alice.names().toString());
      bobAgain.peer.receive(new ClientEvent.CreateOrJoin("room"));
      Await.until(TestCluster.DELIVERY, () -> bobAgain.names().contains("ready"), () -> bobAgain.names().toString());
      assertEquals(List.of("joined", "ready"), bobAgain.names());
    }
  }

  /** What a peer saw of its room, without the informational peer-disconnected / peer-reconnected. */
  private static List<String> roomEvents(SessionSink sink) {
    return sink.names().stream().filter(name -> !name.startsWith("peer-")).toList();
  }

  private static ServerEvent last(SessionSink sink, String name) {
    return sink.events.stream().map(SessionSink.Numbered::event).filter(event -> event.name().equals(name))
        .reduce((first, second) -> second).orElseThrow();
  }

  private static Handshake credential(String subject) {
    return Handshake.builder().path("/signaling").rawQuery("token=" + subject).build();
  }

  private static Map<ResumeOutcome, Long> nonZero(SignalingEngine engine) {
    Map<ResumeOutcome, Long> counts = new EnumMap<>(ResumeOutcome.class);
    engine.resumeOutcomes().forEach((outcome, count) -> {
      if (count > 0) {
        counts.put(outcome, count);
      }
    });
    return counts;
  }
}
