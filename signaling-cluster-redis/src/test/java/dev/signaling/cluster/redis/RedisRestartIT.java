package dev.signaling.cluster.redis;

import static dev.signaling.cluster.redis.TestCluster.awaitEvent;
import static dev.signaling.cluster.redis.TestCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.RawJson;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.RecordingSink;
import dev.signaling.core.ServerEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redis dies and comes back on the same port while nodes keep running: they refuse joins
 * meanwhile, keep relaying between their own peers, and recover by themselves without ghosts.
 */
class RedisRestartIT {
  private static final Duration RECOVERY = Duration.ofSeconds(10);

  @Test
  void nodesRecoverFromAnEmptiedRedisAndNoGhostKeepsARoomFull() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(false);
        TestCluster cluster = new TestCluster(redis, 3)) {
      RecordingSink alice = cluster.connect(0);
      RecordingSink bob = cluster.connect(1);
      join(alice, "kept");
      join(bob, "kept");
      RecordingSink leaver = cluster.connect(1);
      RecordingSink stayer = cluster.connect(0);
      join(leaver, "ghost");
      join(stayer, "ghost");
      RecordingSink local1 = cluster.connect(2);
      RecordingSink local2 = cluster.connect(2);
      join(local1, "local");
      join(local2, "local");

      redis.kill();

      ServerEvent refused = join(cluster.connect(2), "during-outage");
      assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(ServerEvent.Error.class, refused).code());
      local1.peer.receive(new ClientEvent.Message(RawJson.string("still here"), null));
      awaitEvent(local2, new ServerEvent.Message(RawJson.string("still here"), local1.peer.id()));
      leaver.peer.disconnected();

      redis.restart();

      RecordingSink dave = cluster.connect(2);
      assertInstanceOf(ServerEvent.Created.class, joinOnceRecovered(dave, "after"));
      RecordingSink erin = cluster.connect(0);
      assertEquals(new ServerEvent.Joined("after", erin.peer.id()), joinOnceRecovered(erin, "after"));
      awaitEvent(dave, new ServerEvent.Ready("after"));
      erin.peer.receive(new ClientEvent.Message(RawJson.string("hello"), null));
      awaitEvent(dave, new ServerEvent.Message(RawJson.string("hello"), erin.peer.id()));

      // Rooms that outlived the outage still work: both nodes re-asserted their members.
      awaitMessageAcross(alice, bob);
      awaitMessageAcross(bob, alice);
      assertEquals(new ServerEvent.Full("kept"), join(cluster.connect(2), "kept"));
      // The peer that left during the outage holds no place.
      RecordingSink frank = cluster.connect(2);
      assertEquals(new ServerEvent.Joined("ghost", frank.peer.id()), joinOnceRecovered(frank, "ghost"));
      awaitEvent(stayer, new ServerEvent.Join("ghost", frank.peer.id()));
    }
  }

  @Test
  void ghostLeftInAPersistedRedisIsRemovedAndTheOtherPeerIsSaidBye() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(true);
        TestCluster cluster = new TestCluster(redis, 3)) {
      RecordingSink alice = cluster.connect(0);
      RecordingSink bob = cluster.connect(1);
      join(alice, "room");
      join(bob, "room");
      awaitEvent(alice, new ServerEvent.Ready("room"));

      redis.kill();
      // Bob's leave cannot reach Redis: after the restart Redis still lists him.
      bob.peer.disconnected();
      redis.restart();

      awaitEvent(alice, new ServerEvent.Bye("room", bob.peer.id())::equals, RECOVERY);
      RecordingSink carol = cluster.connect(2);
      assertEquals(new ServerEvent.Joined("room", carol.peer.id()), joinOnceRecovered(carol, "room"));
      awaitEvent(alice, new ServerEvent.Join("room", carol.peer.id()));
    }
  }

  /** Joins, retrying while the node answers {@code unavailable} (it has not reconciled yet). */
  private static ServerEvent joinOnceRecovered(RecordingSink sink, String room) throws Exception {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      ServerEvent answer = join(sink, room);
      boolean unavailable = answer instanceof ServerEvent.Error error
          && error.code() == ErrorCode.UNAVAILABLE;
      if (!unavailable || System.nanoTime() > deadline) {
        return answer;
      }
      Thread.sleep(20);
    }
  }

  /** Sends until one message arrives: the first ones may be lost while nodes reconcile. */
  private static void awaitMessageAcross(RecordingSink from, RecordingSink to) throws Exception {
    RawJson probe = RawJson.string("probe from " + from.peer.id());
    ServerEvent expected = new ServerEvent.Message(probe, from.peer.id());
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (!to.events.contains(expected) && System.nanoTime() < deadline) {
      from.peer.receive(new ClientEvent.Message(probe, null));
      Thread.sleep(50);
    }
    awaitEvent(to, expected);
  }
}
