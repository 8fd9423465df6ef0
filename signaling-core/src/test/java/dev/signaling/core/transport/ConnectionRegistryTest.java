package dev.signaling.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {

  /** Per tick (visits with the same timestamp), how many connections were visited. */
  private final Map<Long, AtomicInteger> visitsPerTick = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> visitsPerConnection = new ConcurrentHashMap<>();

  @Test
  void everyConnectionIsVisitedAndEachTickVisitsOnlyItsShare() throws Exception {
    int connections = 1000;
    CountDownLatch allVisitedTwice = new CountDownLatch(connections);
    try (ConnectionRegistry<Integer> registry = new ConnectionRegistry<>(Duration.ofMillis(250), (id, now) -> {
      visitsPerTick.computeIfAbsent(now, t -> new AtomicInteger()).incrementAndGet();
      if (visitsPerConnection.computeIfAbsent(id, c -> new AtomicInteger()).incrementAndGet() == 2) {
        allVisitedTwice.countDown();
      }
    })) {
      for (int id = 0; id < connections; id++) {
        registry.add(id);
      }
      assertEquals(connections, registry.size());
      assertTrue(allVisitedTwice.await(20, TimeUnit.SECONDS), "every connection visited twice");
    }
    // 1,000 connections in 25 slices: no tick pings more than 40 of them, however they were added.
    int busiest = visitsPerTick.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    assertEquals(connections / ConnectionRegistry.SLICES, busiest);
    assertTrue(visitsPerTick.size() >= 2 * ConnectionRegistry.SLICES, "visits spread over ticks: " + visitsPerTick.size());
  }

  @Test
  void aRemovedConnectionIsNoLongerVisited() throws Exception {
    CountDownLatch keptVisited = new CountDownLatch(3);
    List<Integer> removedVisits = new ArrayList<>();
    try (ConnectionRegistry<Integer> registry = new ConnectionRegistry<>(Duration.ofMillis(100), (id, now) -> {
      if (id == 1) {
        synchronized (removedVisits) {
          removedVisits.add(id);
        }
      } else {
        keptVisited.countDown();
      }
    })) {
      int removedSlice = registry.add(1);
      registry.add(2);
      registry.remove(1, removedSlice);
      assertEquals(1, registry.size());
      assertTrue(keptVisited.await(10, TimeUnit.SECONDS));
    }
    assertTrue(removedVisits.isEmpty(), "removed connection visited " + removedVisits.size() + " times");
  }

  @Test
  void aFailingVisitDoesNotStopTheHeartbeat() throws Exception {
    CountDownLatch visitedAgain = new CountDownLatch(3);
    try (ConnectionRegistry<Integer> registry = new ConnectionRegistry<>(Duration.ofMillis(100), (id, now) -> {
      visitedAgain.countDown();
      throw new IllegalStateException("session already closed");
    })) {
      registry.add(7);
      assertTrue(visitedAgain.await(10, TimeUnit.SECONDS), "visits go on after a failure");
    }
  }

  @Test
  void theBusyWindowLeavesRoomForOnePingBeforeTheIdleTimeout() {
    WebSocketOptions defaults = WebSocketOptions.DEFAULT;
    assertEquals(Duration.ofMillis(12_500).toNanos(), NativeSession.busyWindowNanos(defaults));
    WebSocketOptions tight = WebSocketOptions.builder()
        .pingInterval(Duration.ofSeconds(25)).idleTimeout(Duration.ofSeconds(30)).build();
    long window = NativeSession.busyWindowNanos(tight);
    // Skipped at one visit, a client is pinged at the next, one interval later, before it times out.
    assertTrue(window + tight.pingInterval().toNanos() < tight.idleTimeout().toNanos());
  }
}
