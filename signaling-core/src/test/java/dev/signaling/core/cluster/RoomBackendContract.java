package dev.signaling.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signaling.core.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RoomBackend} keeps, run once per implementation. A subclass provides
 * {@link #nodes(int)}: backends for that many nodes sharing one room space (a single-node
 * implementation answers only {@code nodes(1)} and declares {@link #maxNodes()} 1).
 */
public abstract class RoomBackendContract {
  /** Events each test node delivered to its local peers, by peer id. */
  protected final List<Node> nodes = new ArrayList<>();

  /** Creates {@code count} started-ready (not yet started) backends sharing one room space. */
  protected abstract List<RoomBackend> nodes(int count) throws Exception;

  /** How many nodes {@link #nodes(int)} can make. */
  protected int maxNodes() {
    return 3;
  }

  /** How long a cross-node delivery may take to arrive. */
  protected Duration deliveryTimeout() {
    return Duration.ofSeconds(5);
  }

  /** One node: its backend and what it delivered to its local peers. */
  public static final class Node implements LocalPeers {
    public final RoomBackend backend;
    public final ConcurrentHashMap<String, List<ServerEvent>> delivered = new ConcurrentHashMap<>();
    public final java.util.Set<String> localPeers = ConcurrentHashMap.newKeySet();
    /** Digests of the resumable sessions this node holds, detached: a session-end request ends them. */
    public final java.util.Set<String> heldSessions = ConcurrentHashMap.newKeySet();
    /** The session-end requests other nodes sent this node. */
    public final List<SessionEndRequest> endRequests = new CopyOnWriteArrayList<>();

    Node(RoomBackend backend) {
      this.backend = backend;
      backend.start(this);
    }

    @Override
    public boolean deliver(String peerId, ServerEvent event) {
      if (!localPeers.contains(peerId)) {
        return false;
      }
      delivered.computeIfAbsent(peerId, id -> new CopyOnWriteArrayList<>()).add(event);
      return true;
    }

    @Override
    public CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
      endRequests.add(request);
      return CompletableFuture.completedStage(heldSessions.remove(request.tokenDigest())
          ? SessionEndResult.ENDED : SessionEndResult.NOT_FOUND);
    }

    public SessionEndResult endSession(String tokenDigest, String subject) throws Exception {
      return backend.endSession(new SessionEndRequest(tokenDigest, subject)).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }

    public List<ServerEvent> eventsOf(String peerId) {
      return delivered.getOrDefault(peerId, List.of());
    }

    public JoinResult join(String room, String peerId, int capacity) throws Exception {
      localPeers.add(peerId);
      return backend.join(room, peerId, capacity).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public List<String> leave(String room, String peerId) throws Exception {
      List<String> remaining = backend.leave(room, peerId).toCompletableFuture().get(10, TimeUnit.SECONDS);
      localPeers.remove(peerId);
      return remaining;
    }
  }

  @BeforeEach
  void startNodes() throws Exception {
    for (RoomBackend backend : nodes(maxNodes())) {
      nodes.add(new Node(backend));
    }
  }

  @AfterEach
  void stopNodes() {
    for (Node node : nodes) {
      node.backend.close();
    }
  }

  private Node node(int i) {
    return nodes.get(i % nodes.size());
  }

  private static final String DIGEST = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

  @Test
  void aSessionEndNoNodeHoldsIsAnsweredNotFound() throws Exception {
    assertEquals(SessionEndResult.NOT_FOUND, node(0).endSession(DIGEST, null));
    assertEquals(List.of(), node(0).endRequests, "the asking node has looked among its own already");
  }

  @Test
  void aSessionEndReachesTheNodeHoldingTheSessionWithItsDigestAndSubject() throws Exception {
    assumeTrue(nodes.size() >= 2, "one node: nobody else to ask");
    Node holder = nodes.get(nodes.size() - 1);
    holder.heldSessions.add(DIGEST);

    assertEquals(SessionEndResult.ENDED, node(0).endSession(DIGEST, "bob"));
    assertEquals(List.of(new SessionEndRequest(DIGEST, "bob")), holder.endRequests);
    assertEquals(List.of(), node(0).endRequests);
    assertEquals(SessionEndResult.NOT_FOUND, node(0).endSession(DIGEST, "bob"), "ended once");
  }

  @Test
  void firstJoinCreatesSecondJoinsThirdIsFull() throws Exception {
    assertEquals(JoinResult.created(), node(0).join("r", "a", 2));
    assertEquals(new JoinResult(JoinResult.Outcome.JOINED, List.of("a")), node(1).join("r", "b", 2));
    JoinResult third = node(2).join("r", "c", 2);
    assertEquals(JoinResult.Outcome.FULL, third.outcome());
  }

  @Test
  void leaveFreesTheSlotAndReportsTheRemainingMembers() throws Exception {
    node(0).join("r", "a", 2);
    node(1).join("r", "b", 2);
    assertEquals(List.of("a"), node(1).leave("r", "b"));
    assertEquals(JoinResult.Outcome.JOINED, node(2).join("r", "c", 2).outcome());
    assertEquals(List.of("c"), node(0).leave("r", "a"));
    assertEquals(List.of(), node(2).leave("r", "c"));
    assertEquals(JoinResult.created(), node(0).join("r", "d", 2), "an emptied room is gone");
  }

  @Test
  void leavingARoomOneIsNotInChangesNothing() throws Exception {
    node(0).join("r", "a", 2);
    assertEquals(List.of(), node(1).leave("r", "stranger"));
    assertEquals(List.of(), node(1).leave("nowhere", "stranger"));
    assertEquals(JoinResult.Outcome.JOINED, node(1).join("r", "b", 2).outcome());
  }

  @Test
  void deliveryReachesMembersOnAnyNodeButNeverTheSenderOrOtherRooms() throws Exception {
    node(0).join("r", "a", 3);
    node(1).join("r", "b", 3);
    node(2).join("r", "c", 3);
    node(1).join("other", "x", 2);
    ServerEvent.Ready event = new ServerEvent.Ready("r");

    node(0).backend.deliver(RoomDelivery.toAllBut("r", "a", event));

    awaitEvents(node(1), "b", 1);
    awaitEvents(node(2), "c", 1);
    assertEquals(List.of(event), node(1).eventsOf("b"));
    assertEquals(List.of(event), node(2).eventsOf("c"));
    assertEquals(List.of(), node(0).eventsOf("a"));
    assertEquals(List.of(), node(1).eventsOf("x"));
  }

  @Test
  void targetedDeliveryReachesOnlyItsTarget() throws Exception {
    node(0).join("r", "a", 3);
    node(1).join("r", "b", 3);
    node(2).join("r", "c", 3);
    ServerEvent.Ready event = new ServerEvent.Ready("r");

    node(0).backend.deliver(RoomDelivery.toMember("r", "c", event));
    node(0).backend.deliver(RoomDelivery.toMember("r", "b", new ServerEvent.Full("marker")));

    awaitEvents(node(1), "b", 1);
    awaitEvents(node(2), "c", 1);
    assertEquals(List.of(event), node(2).eventsOf("c"));
    assertEquals(List.of(new ServerEvent.Full("marker")), node(1).eventsOf("b"));
  }

  @Test
  void manyDeliveriesArriveOnceAndInOrder() throws Exception {
    node(0).join("r", "a", 2);
    node(1).join("r", "b", 2);
    int count = 500;
    for (int i = 0; i < count; i++) {
      node(0).backend.deliver(RoomDelivery.toAllBut("r", "a", new ServerEvent.Ready("m" + i)));
    }
    awaitEvents(node(1), "b", count);
    List<ServerEvent> got = node(1).eventsOf("b");
    assertEquals(count, got.size());
    for (int i = 0; i < count; i++) {
      assertEquals(new ServerEvent.Ready("m" + i), got.get(i));
    }
  }

  @Test
  void racingJoinsFromEveryNodeNeverExceedCapacity() throws Exception {
    int rooms = 50;
    int contenders = 6;
    int capacity = 2;
    List<CompletableFuture<JoinResult>> results = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < contenders; c++) {
      Node node = node(c);
      for (int r = 0; r < rooms; r++) {
        CompletableFuture<JoinResult> result = new CompletableFuture<>();
        results.add(result);
        String room = "race-" + r;
        String peer = "p" + c + "-" + r;
        node.localPeers.add(peer);
        threads.add(new Thread(() -> {
          try {
            start.await();
            node.backend.join(room, peer, capacity).whenComplete((v, t) -> {
              if (t != null) {
                result.completeExceptionally(t);
              } else {
                result.complete(v);
              }
            });
          } catch (InterruptedException e) {
            result.completeExceptionally(e);
          }
        }));
      }
    }
    threads.forEach(Thread::start);
    start.countDown();
    int[][] counts = new int[rooms][3];
    for (int i = 0; i < results.size(); i++) {
      JoinResult result = results.get(i).get(20, TimeUnit.SECONDS);
      counts[i % rooms][result.outcome().ordinal()]++;
    }
    for (int r = 0; r < rooms; r++) {
      assertEquals(1, counts[r][0], "created in race-" + r);
      assertEquals(capacity - 1, counts[r][1], "joined in race-" + r);
      assertEquals(contenders - capacity, counts[r][2], "full in race-" + r);
    }
  }

  protected void awaitEvents(Node node, String peerId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + deliveryTimeout().toNanos();
    while (node.eventsOf(peerId).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(node.eventsOf(peerId).size() >= count,
        "expected " + count + " events for " + peerId + ", got " + node.eventsOf(peerId));
  }
}
