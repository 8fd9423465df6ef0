package dev.signaling.cluster.redis;

import dev.signaling.cluster.redis.internal.LocalMembership;
import dev.signaling.cluster.redis.internal.RedisScripts;
import dev.signaling.cluster.redis.internal.RedisScripts.Script;
import dev.signaling.core.cluster.BackendHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's side of cluster liveness, run every heartbeat interval on the backend's scheduler
 * thread: renews the node's deadline, reconciles its membership when Redis may disagree with
 * it, and reaps nodes whose deadline passed.
 *
 * <p>Reaping waits until this node has been in contact with Redis for a whole node timeout, so
 * that after an outage every node first gets the chance to heartbeat again.
 */
final class Liveness {
  private static final Logger log = LoggerFactory.getLogger(Liveness.class);
  private static final String NODES_PER_REAP = "16";

  private final RedisBackendConfig config;
  private final RedisScripts scripts;
  private final LocalMembership local;
  private final Object dispatchOrder;
  private final Runnable onFirstSync;
  private final AtomicBoolean outOfSync = new AtomicBoolean(true);
  private volatile boolean synced;
  private volatile long roomCount;
  private volatile BackendHealth health = new BackendHealth(false, "not yet in contact with Redis", List.of());
  /** The live nodes the last heartbeat listed; only the tick thread writes it. */
  private List<String> nodes = List.of();
  /** System.nanoTime() of the first success after the last failure; only the tick thread writes it. */
  private long inContactSince;
  private boolean inContact;

  Liveness(RedisBackendConfig config, RedisScripts scripts, LocalMembership local,
      Object dispatchOrder, Runnable onFirstSync) {
    this.config = config;
    this.scripts = scripts;
    this.local = local;
    this.dispatchOrder = dispatchOrder;
    this.onFirstSync = onFirstSync;
  }

  /** Something failed that may have left Redis disagreeing with this node: reconcile soon. */
  void markOutOfSync() {
    outOfSync.set(true);
  }

  long roomCount() {
    return roomCount;
  }

  /** As of the last heartbeat: in contact with Redis or not, and the live nodes it listed. */
  BackendHealth health() {
    return health;
  }

  /** One heartbeat; never throws. */
  void tick() {
    try {
      if (outOfSync.get() || !heartbeat()) {
        reconcile();
      }
      long now = System.nanoTime();
      if (!inContact) {
        inContact = true;
        inContactSince = now;
        log.info("Node {} is in contact with Redis", config.nodeId());
      }
      health = new BackendHealth(true, "in contact with Redis", nodes);
      if (now - inContactSince >= config.nodeTimeout().toNanos()) {
        reap();
      }
    } catch (Exception e) {
      if (inContact) {
        log.warn("Node {} lost contact with Redis: {}", config.nodeId(), e.toString());
      }
      inContact = false;
      outOfSync.set(true);
      health = new BackendHealth(false, "Redis unreachable: " + e, List.of());
    }
  }

  /** Returns false when the node is not registered (Redis lost its state, or we were reaped). */
  @SuppressWarnings("unchecked")
  private boolean heartbeat() throws Exception {
    List<Object> reply = await(scripts.run(Script.HEARTBEAT, List.of(timeoutMillis())));
    roomCount = (Long) reply.get(1);
    nodes = List.copyOf((List<String>) (List<?>) reply.get(2));
    return (Long) reply.get(0) == 1L;
  }

  private void reconcile() throws Exception {
    boolean fresh = !synced;
    CompletableFuture<List<Object>> reply;
    synchronized (dispatchOrder) {
      // Clear first: a failure from here on sets it again.
      outOfSync.set(false);
      reply = scripts.run(Script.RECONCILE, arguments(local.snapshot(), fresh));
    }
    List<Object> result;
    try {
      result = await(reply);
    } catch (Exception e) {
      outOfSync.set(true);
      throw e;
    }
    long ghosts = (Long) result.get(0);
    if (ghosts > 0) {
      log.info("Node {} removed {} stale member(s) of its own from Redis", config.nodeId(), ghosts);
    }
    @SuppressWarnings("unchecked")
    List<Object> evicted = (List<Object>) result.get(1);
    for (int i = 0; i + 1 < evicted.size(); i += 2) {
      String room = (String) evicted.get(i);
      String peer = (String) evicted.get(i + 1);
      local.remove(room, peer);
      log.warn("Node {}: peer {} lost its place in room {}, which others filled while Redis had "
          + "forgotten it", config.nodeId(), peer, room);
    }
    if (fresh) {
      synced = true;
      onFirstSync.run();
    }
  }

  private void reap() throws Exception {
    List<Object> reply = await(scripts.run(Script.REAP, List.of(NODES_PER_REAP)));
    long nodes = (Long) reply.get(0);
    if (nodes > 0) {
      log.info("Node {} reaped {} dead node(s), removing {} member(s)", config.nodeId(), nodes,
          reply.get(1));
    }
  }

  private List<String> arguments(LocalMembership.Snapshot snapshot, boolean fresh) {
    List<String> args = new ArrayList<>();
    args.add(timeoutMillis());
    args.add(fresh ? "1" : "0");
    args.add(Integer.toString(snapshot.confirmed().size()));
    for (LocalMembership.Member member : snapshot.confirmed()) {
      args.add(member.room());
      args.add(member.peerId());
      args.add(Integer.toString(member.capacity()));
    }
    args.addAll(snapshot.pendingEntries());
    return args;
  }

  private String timeoutMillis() {
    return Long.toString(config.nodeTimeout().toMillis());
  }

  private <T> T await(CompletableFuture<T> reply) throws Exception {
    // Lettuce fails the command after commandTimeout; the extra second only guards against a hang.
    return reply.get(config.commandTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
  }
}
