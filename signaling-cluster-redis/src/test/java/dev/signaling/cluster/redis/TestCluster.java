package dev.signaling.cluster.redis;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.RecordingSink;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.limits.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Signaling engines in one process, each with its own Redis backend, sharing one Redis. */
final class TestCluster implements AutoCloseable {
  static final Duration HEARTBEAT = Duration.ofMillis(150);
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);
  /** How long a cross-node event may take, generous for a loaded two-core machine. */
  static final Duration DELIVERY = Duration.ofSeconds(5);
  /** How long a node waits for the others to answer a session-end request. */
  static final Duration SESSION_END_TIMEOUT = Duration.ofSeconds(1);
  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  final List<RedisRoomBackend> backends = new ArrayList<>();
  final List<SignalingEngine> engines = new ArrayList<>();

  /** No rate limit: the numbers test relays as fast as the cluster goes, far above a client's 50/s. */
  static final Consumer<SignalingEngine.Builder> UNLIMITED =
      engine -> engine.config(SignalingConfig.builder().rateLimit(RateLimit.UNLIMITED).build());

  TestCluster(RedisServerProcess redis, int nodes) {
    this(redis, nodes, UNLIMITED);
  }

  /** {@code nodes} engines, each builder set up by {@code engines} before its backend is added. */
  TestCluster(RedisServerProcess redis, int nodes, Consumer<SignalingEngine.Builder> engines) {
    String prefix = "cluster" + CLUSTERS.incrementAndGet() + ":";
    for (int i = 0; i < nodes; i++) {
      RedisRoomBackend backend = RedisRoomBackend.connect(RedisBackendConfig.builder(redis.uri())
          .keyPrefix(prefix)
          .nodeId("node" + i)
          .heartbeatInterval(HEARTBEAT)
          .nodeTimeout(NODE_TIMEOUT)
          .commandTimeout(Duration.ofSeconds(1))
          .sessionEndTimeout(SESSION_END_TIMEOUT)
          .build());
      backends.add(backend);
      SignalingEngine.Builder engine = SignalingEngine.builder();
      engines.accept(engine);
      this.engines.add(engine.backend(backend).build());
    }
  }

  /** A new peer connected to node {@code node}. */
  RecordingSink connect(int node) {
    return RecordingSink.connect(engines.get(node));
  }

  /** Waits until {@code sink} has received an event matching {@code expected}. */
  static void awaitEvent(RecordingSink sink, Predicate<ServerEvent> expected, Duration timeout)
      throws InterruptedException {
    Await.until(timeout, () -> sink.events.stream().anyMatch(expected),
        () -> "events of " + sink.peer.id() + ": " + sink.events);
  }

  static void awaitEvent(RecordingSink sink, ServerEvent expected) throws InterruptedException {
    awaitEvent(sink, expected::equals, DELIVERY);
  }

  /** Joins {@code room} and waits for the answer: created, joined, full or error. */
  static ServerEvent join(RecordingSink sink, String room) throws InterruptedException {
    int before = sink.events.size();
    sink.peer.receive(new ClientEvent.CreateOrJoin(room));
    Predicate<ServerEvent> answer = event -> event instanceof ServerEvent.Created
        || event instanceof ServerEvent.Joined || event instanceof ServerEvent.Full
        || event instanceof ServerEvent.Error;
    // Copy before slicing: a live sublist of a CopyOnWriteArrayList throws once events arrive.
    Await.until(DELIVERY, () -> since(sink, before).stream().anyMatch(answer),
        () -> "answer to joining " + room + ": " + sink.events);
    return since(sink, before).stream().filter(answer).findFirst().orElseThrow();
  }

  private static java.util.List<ServerEvent> since(RecordingSink sink, int index) {
    java.util.List<ServerEvent> snapshot = java.util.List.copyOf(sink.events);
    return snapshot.subList(index, snapshot.size());
  }

  @Override
  public void close() {
    engines.forEach(SignalingEngine::close);
  }
}
