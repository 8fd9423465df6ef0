package dev.signaling.cluster.redis;

import dev.signaling.cluster.redis.internal.DeliveryEnvelope;
import dev.signaling.cluster.redis.internal.InboxReader;
import dev.signaling.cluster.redis.internal.LocalMembership;
import dev.signaling.cluster.redis.internal.RedisScripts;
import dev.signaling.cluster.redis.internal.RedisScripts.Script;
import dev.signaling.cluster.redis.internal.SessionEnds;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;
import dev.signaling.core.cluster.BackendHealth;
import dev.signaling.core.cluster.JoinResult;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.core.cluster.RoomDelivery;
import dev.signaling.core.cluster.SessionEndRequest;
import dev.signaling.core.cluster.SessionEndResult;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms shared by several signaling nodes through one Redis. Each node's engine gets its own
 * backend, with a node id unique in the cluster.
 *
 * <pre>{@code
 * RedisRoomBackend backend = RedisRoomBackend.connect(
 *     RedisBackendConfig.builder("redis://redis.internal:6379").build());
 * SignalingEngine engine = SignalingEngine.builder().backend(backend).build();
 * }</pre>
 *
 * <p>Membership lives in Redis and changes only in Lua scripts, so a join's capacity check and
 * the join are one step across all nodes. Events for peers on other nodes go through Redis
 * streams, one inbox per node; peers on this node are served directly. See docs/CLUSTER.md for
 * the data model and the behaviour under failures.
 *
 * <p>While Redis is unreachable, joins fail (the engine answers {@code error}, code {@code
 * unavailable}), leaves succeed locally, and events between peers of this node still flow;
 * events to other nodes are dropped. Lettuce reconnects by itself, and the next heartbeat
 * reconciles what Redis holds with what this node knows.
 *
 * <p>Threading: methods may be called from any thread and never block on I/O. Events for local
 * peers are handed to {@link LocalPeers} from the calling thread (local recipients) or from
 * the inbox reader, one at a time in inbox order (remote senders). No lock is held while a
 * callback runs; one lock orders membership changes with the commands that carry them.
 */
public final class RedisRoomBackend implements RoomBackend {
  private static final Logger log = LoggerFactory.getLogger(RedisRoomBackend.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final RedisBackendConfig config;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commandConnection;
  private final StatefulRedisConnection<String, String> inboxConnection;
  private final RedisScripts scripts;
  private final LocalMembership local = new LocalMembership();
  private final DeliveryEnvelope envelopes = new DeliveryEnvelope();
  private final ScheduledExecutorService scheduler;
  private final InboxReader inbox;
  private final Liveness liveness;
  private final SessionEnds sessionEnds;
  /** Held only while a membership change and its command are handed to Lettuce, never longer. */
  private final Object dispatchOrder = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LocalPeers localPeers;

  private RedisRoomBackend(RedisBackendConfig config) {
    this.config = config;
    this.resources = ClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(10),
            config.heartbeatInterval(), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, config.redisUri());
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Fail at once while disconnected: a join must not wait for Redis to come back.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
        .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).build())
        .build());
    try {
      this.commandConnection = client.connect();
      this.inboxConnection = client.connect();
    } catch (RuntimeException e) {
      shutdownClient();
      throw e;
    }
    this.scripts = new RedisScripts(commandConnection.async(), config.keyPrefix(), config.nodeId());
    this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable,
          "signaling-redis-" + config.nodeId() + "-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    Duration block = config.commandTimeout().dividedBy(2);
    Duration retry = Duration.ofMillis(Math.min(100, config.heartbeatInterval().toMillis()));
    this.inbox = new InboxReader(inboxConnection, config.keyPrefix() + "inbox:" + config.nodeId(),
        block, retry, scheduler, this::fromInbox);
    this.sessionEnds = new SessionEnds(scripts, config.nodeId(), config.sessionEndTimeout(), scheduler);
    this.liveness = new Liveness(config, scripts, local, dispatchOrder, inbox::start);
  }

  /**
   * Connects to Redis. Throws Lettuce's {@code RedisConnectionException} when Redis cannot be
   * reached now: a node does not start without its cluster. Later outages are survived.
   */
  public static RedisRoomBackend connect(RedisBackendConfig config) {
    return new RedisRoomBackend(config);
  }

  public RedisBackendConfig config() {
    return config;
  }

  /** Registers the node (synchronously, bounded by the command timeout) and starts heartbeats. */
  @Override
  public void start(LocalPeers localPeers) {
    this.localPeers = localPeers;
    liveness.tick();
    long interval = config.heartbeatInterval().toNanos();
    scheduler.scheduleWithFixedDelay(liveness::tick, interval, interval, TimeUnit.NANOSECONDS);
    log.info("Started cluster node {}", config);
  }

  @Override
  public CompletionStage<JoinResult> join(String room, String peerId, int capacity) {
    CompletableFuture<List<Object>> reply;
    synchronized (dispatchOrder) {
      local.addPending(room, peerId, capacity);
      reply = scripts.run(Script.JOIN, List.of(room, peerId, Integer.toString(capacity)));
    }
    return reply.handle((answer, failure) -> {
      if (failure != null) {
        local.remove(room, peerId);
        // The join may have happened in Redis before the failure: reconciliation removes it.
        liveness.markOutOfSync();
        throw new CompletionException(unavailable(room, failure));
      }
      JoinResult result = joinResult(answer);
      if (result.outcome() == JoinResult.Outcome.FULL) {
        local.remove(room, peerId);
      } else {
        local.confirm(room, peerId);
      }
      return result;
    });
  }

  /**
   * Always succeeds for this node: when Redis cannot be told, the member is dropped locally,
   * the local remaining members are returned, and reconciliation removes it from Redis later.
   */
  @Override
  public CompletionStage<List<String>> leave(String room, String peerId) {
    CompletableFuture<List<String>> reply;
    synchronized (dispatchOrder) {
      local.remove(room, peerId);
      reply = scripts.run(Script.LEAVE, List.of(room, peerId));
    }
    return reply.handle((remaining, failure) -> {
      if (failure == null) {
        return remaining;
      }
      log.debug("Leave of room {} by {} not yet recorded in Redis: {}", room, peerId, failure.toString());
      liveness.markOutOfSync();
      return local.members(room);
    });
  }

  @Override
  public void deliver(RoomDelivery delivery) {
    deliverLocally(delivery);
    String target = delivery.targetPeerId();
    if (target != null && local.contains(delivery.room(), target)) {
      return;
    }
    String mode = target != null ? "to" : "but";
    String who = target != null ? target : delivery.exceptPeerId() == null ? "" : delivery.exceptPeerId();
    scripts.run(Script.DELIVER, List.of(delivery.room(), mode, who, envelopes.encode(delivery)))
        .whenComplete((nodes, failure) -> {
          if (failure != null) {
            // Event name and room only: payloads carry SDP and addresses.
            log.debug("Cross-node delivery of '{}' in room {} dropped: {}",
                delivery.event().name(), delivery.room(), failure.toString());
          }
        });
  }

  /**
   * Asks every other live node to end the session (docs/CLUSTER.md, "Resume"): completes with
   * the holder's answer once it has ended it (its leave and the {@code bye}s reached Redis
   * before the answer), with {@code NOT_FOUND} once every other node said it does not hold it,
   * or after {@link RedisBackendConfig#sessionEndTimeout()} (1 s by default) when some node did
   * not answer. The token's digest travels, never the token.
   */
  @Override
  public CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
    return sessionEnds.request(request);
  }

  /** The number of rooms in the cluster, as of this node's last heartbeat. */
  @Override
  public long roomCount() {
    return liveness.roomCount();
  }

  /**
   * Reachable while the last heartbeat (every {@code heartbeatInterval}) reached Redis; lists
   * the nodes whose deadline had not passed then (this one included). Never blocks.
   */
  @Override
  public BackendHealth health() {
    return closed.get() ? new BackendHealth(false, "backend closed", List.of()) : liveness.health();
  }

  /**
   * Leaves the cluster gracefully: this node's members are removed from their rooms (peers on
   * other nodes get {@code bye}), then connections close. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdownNow();
    inbox.stop();
    try {
      scripts.run(Script.DEREGISTER, List.of())
          .get(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("Node {} could not deregister ({}); other nodes remove its peers within {}",
          config.nodeId(), e.toString(), config.deadNodeBound());
    }
    local.clear();
    shutdownClient();
  }

  /** Stops the node as a crash would: no deregistration, no more heartbeats. For tests. */
  void halt() {
    closed.set(true);
    scheduler.shutdownNow();
    inbox.stop();
    shutdownClient();
  }

  /** One inbox entry: an event for local peers ({@code e}), or a session-end request or answer. */
  private void fromInbox(Map<String, String> entry) {
    String envelope = entry.get("e");
    if (envelope != null) {
      deliverLocally(envelopes.decode(envelope));
    } else if (entry.containsKey("end")) {
      sessionEnds.onRequest(entry.get("end"), localPeers);
    } else if (entry.containsKey("ended")) {
      sessionEnds.onAnswer(entry.get("ended"));
    } else {
      throw new IllegalArgumentException("unknown inbox entry with fields " + entry.keySet());
    }
  }

  private void deliverLocally(RoomDelivery delivery) {
    LocalPeers peers = localPeers;
    for (String member : local.members(delivery.room())) {
      if (delivery.isFor(member)) {
        peers.deliver(member, delivery.event());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static JoinResult joinResult(List<Object> answer) {
    JoinResult.Outcome outcome = JoinResult.Outcome.valueOf((String) answer.get(0));
    return new JoinResult(outcome, (List<String>) (List<?>) answer.get(1));
  }

  private SignalingException unavailable(String room, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    log.debug("Join of room {} failed on node {}: {}", room, config.nodeId(), cause.toString());
    return new SignalingException(ErrorCode.UNAVAILABLE,
        "room " + room + " cannot be joined now: the cluster's room store is unreachable", cause);
  }

  /** Closes every connection of the client without a word to Redis, then its threads. */
  private void shutdownClient() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
