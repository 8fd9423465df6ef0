package dev.signaling.cluster.redis;

import static dev.signaling.cluster.redis.TestCluster.awaitEvent;
import static dev.signaling.cluster.redis.TestCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.RawJson;
import dev.signaling.core.RecordingSink;
import dev.signaling.core.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three signaling engines in one process, each a cluster node on one real Redis. */
class ClusterEngineIT {
  @RegisterExtension
  static final ClusterPerTest clusters = new ClusterPerTest(3);
  private TestCluster cluster;

  @BeforeEach
  void cluster() {
    cluster = clusters.get();
  }

  @Test
  void peersOnTwoNodesPairAndExchangeHundredsOfMessagesInOrderBothWays() throws Exception {
    RecordingSink alice = cluster.connect(0);
    RecordingSink bob = cluster.connect(1);
    String a = alice.peer.id();
    String b = bob.peer.id();

    assertEquals(new ServerEvent.Created("room", a), join(alice, "room"));
    assertEquals(new ServerEvent.Joined("room", b), join(bob, "room"));
    awaitEvent(bob, new ServerEvent.Ready("room"));
    awaitEvent(alice, new ServerEvent.Ready("room"));
    assertEquals(List.of("created", "join", "ready"), alice.names());
    assertEquals(List.of("joined", "ready"), bob.names());
    alice.clear();
    bob.clear();

    int count = 300;
    Thread aliceSends = new Thread(() -> sendNumbered(alice, "a", count));
    Thread bobSends = new Thread(() -> sendNumbered(bob, "b", count));
    aliceSends.start();
    bobSends.start();
    aliceSends.join();
    bobSends.join();

    Await.until(TestCluster.DELIVERY, () -> bob.events.size() >= count && alice.events.size() >= count,
        () -> "bob got " + bob.events.size() + ", alice got " + alice.events.size());
    assertEquals(numbered("a", count, a), bob.events);
    assertEquals(numbered("b", count, b), alice.events);
  }

  @Test
  void thirdPeerOnThirdNodeIsToldTheRoomIsFull() throws Exception {
    join(cluster.connect(0), "room");
    join(cluster.connect(1), "room");
    RecordingSink carol = cluster.connect(2);

    assertEquals(new ServerEvent.Full("room"), join(carol, "room"));
  }

  @Test
  void racingJoinsFromThreeNodesNeverExceedCapacity() throws Exception {
    int rooms = 20;
    int perNode = 2;
    List<List<RecordingSink>> contenders = new ArrayList<>();
    for (int r = 0; r < rooms; r++) {
      List<RecordingSink> sinks = new ArrayList<>();
      for (int node = 0; node < 3; node++) {
        for (int i = 0; i < perNode; i++) {
          sinks.add(cluster.connect(node));
        }
      }
      contenders.add(sinks);
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < rooms; r++) {
      String room = "race-" + r;
      for (RecordingSink sink : contenders.get(r)) {
        Thread thread = new Thread(() -> {
          awaitQuietly(start);
          sink.peer.receive(new ClientEvent.CreateOrJoin(room));
        });
        thread.start();
        threads.add(thread);
      }
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    for (int r = 0; r < rooms; r++) {
      List<RecordingSink> sinks = contenders.get(r);
      Await.until(TestCluster.DELIVERY, () -> sinks.stream().allMatch(ClusterEngineIT::answered),
          () -> "answers in a race: " + sinks.stream().map(RecordingSink::names).toList());
      assertEquals(1, countWith(sinks, "created"), "created in race-" + r);
      assertEquals(1, countWith(sinks, "joined"), "joined in race-" + r);
      assertEquals(perNode * 3 - 2, countWith(sinks, "full"), "full in race-" + r);
    }
  }

  @Test
  void peerLeavingOnOneNodeIsSaidByeOnTheOther() throws Exception {
    RecordingSink alice = cluster.connect(0);
    RecordingSink bob = cluster.connect(1);
    join(alice, "room");
    join(bob, "room");

    bob.peer.disconnected();

    awaitEvent(alice, new ServerEvent.Bye("room", bob.peer.id()));
    RecordingSink carol = cluster.connect(2);
    assertEquals(new ServerEvent.Joined("room", carol.peer.id()), join(carol, "room"));
  }

  @Test
  void killedNodesPeerIsSaidByeWithinTheBoundAndTheRoomCanBeJoinedAgain() throws Exception {
    RecordingSink alice = cluster.connect(0);
    RecordingSink bob = cluster.connect(1);
    join(alice, "room");
    join(bob, "room");
    awaitEvent(alice, new ServerEvent.Ready("room"));

    long killedAt = System.nanoTime();
    cluster.backends.get(1).halt();

    Duration bound = cluster.backends.get(0).config().deadNodeBound();
    awaitEvent(alice, new ServerEvent.Bye("room", bob.peer.id())::equals,
        bound.plus(Duration.ofMillis(500)));
    Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
    assertTrue(took.compareTo(bound.plus(Duration.ofMillis(500))) <= 0, "bye after " + took);

    RecordingSink carol = cluster.connect(2);
    assertEquals(new ServerEvent.Joined("room", carol.peer.id()), join(carol, "room"));
    awaitEvent(alice, new ServerEvent.Join("room", carol.peer.id()));
  }

  @Test
  void nodeShuttingDownGracefullySaysByeAtOnce() throws Exception {
    RecordingSink alice = cluster.connect(0);
    RecordingSink bob = cluster.connect(1);
    join(alice, "room");
    join(bob, "room");

    cluster.backends.get(1).close();

    // Well before a dead node would be noticed.
    awaitEvent(alice, new ServerEvent.Bye("room", bob.peer.id())::equals, TestCluster.NODE_TIMEOUT);
    RecordingSink carol = cluster.connect(2);
    assertEquals(new ServerEvent.Joined("room", carol.peer.id()), join(carol, "room"));
  }

  private static void sendNumbered(RecordingSink sink, String tag, int count) {
    for (int i = 0; i < count; i++) {
      sink.peer.receive(new ClientEvent.Message(payload(tag, i), null));
    }
  }

  private static List<ServerEvent> numbered(String tag, int count, String from) {
    List<ServerEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new ServerEvent.Message(payload(tag, i), from));
    }
    return events;
  }

  private static RawJson payload(String tag, int i) {
    return RawJson.of(JsonNodeFactory.instance.objectNode().put("type", "candidate").put("seq", tag + i));
  }

  private static boolean answered(RecordingSink sink) {
    List<String> names = sink.names();
    return names.contains("created") || names.contains("joined") || names.contains("full")
        || names.contains("error");
  }

  private static long countWith(List<RecordingSink> sinks, String name) {
    return sinks.stream().filter(sink -> sink.names().contains(name)).count();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
