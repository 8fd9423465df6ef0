package dev.signaling.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.RawJson;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.ResumeRequest;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SessionNotice;
import dev.signaling.core.SessionSink;
import dev.signaling.core.SignalingConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resume in a cluster (docs/CLUSTER.md, "Resume"): on the node that held the session it resumes
 * with the events other nodes sent meanwhile; on another node it is refused cleanly.
 */
class ClusterResumeIT {
  private static RedisServerProcess redis;
  private TestCluster cluster;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @BeforeEach
  void startCluster() {
    cluster = new TestCluster(redis, 2, SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build());
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  /** Alice on node 0 and Bob on node 1, paired in "room". */
  private SessionSink[] pair() throws InterruptedException {
    SessionSink alice = SessionSink.connect(cluster.engines.get(0));
    SessionSink bob = SessionSink.connect(cluster.engines.get(1));
    alice.peer.receive(new ClientEvent.CreateOrJoin("room"));
    Await.until(TestCluster.DELIVERY, () -> alice.names().contains("created"), () -> alice.names().toString());
    bob.peer.receive(new ClientEvent.CreateOrJoin("room"));
    Await.until(TestCluster.DELIVERY, () -> alice.names().contains("ready") && bob.names().contains("ready"),
        () -> alice.names() + " " + bob.names());
    return new SessionSink[] {alice, bob};
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
  void aResumeOnAnotherNodeIsRefusedCleanlyWithANewSession() throws Exception {
    SessionSink[] pair = pair();
    SessionSink bob = pair[1];
    bob.drop();

    SessionSink elsewhere = SessionSink.connect(cluster.engines.get(0),
        new ResumeRequest(bob.welcome().resumeToken(), bob.lastSeq()));
    assertEquals(new SessionNotice.ResumeFailed(ResumeOutcome.UNKNOWN), elsewhere.notices.get(0));
    assertNotEquals(bob.peer.id(), elsewhere.peer.id());
    assertEquals(Optional.empty(), elsewhere.peer.room());
  }
}
