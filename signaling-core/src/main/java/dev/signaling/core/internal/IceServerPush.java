package dev.signaling.core.internal;

import dev.signaling.core.Peer;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.ice.IceConfiguration;
import dev.signaling.core.ice.IceServerProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each connection its {@code ice-servers} event after connect, and again when three
 * quarters of the remaining validity of the last one has passed (45 minutes for one-hour
 * credentials), until the connection ends. A provider failure is retried after {@link
 * #RETRY_AFTER_FAILURE}.
 *
 * <p>Thread-safe. At most one refresh is scheduled per connection; {@link #stop} cancels it, so
 * a closed connection is not held by the scheduler.
 */
public final class IceServerPush {
  /** The shortest wait before a refresh, whatever the provider answered. */
  static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(IceServerPush.class);

  private final IceServerProvider provider;
  private final ScheduledExecutorService scheduler;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, Future<?>> refreshes = new ConcurrentHashMap<>();

  public IceServerPush(IceServerProvider provider, ScheduledExecutorService scheduler, InstantSource clock) {
    this.provider = provider;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Sends {@code peer} its ICE servers for {@code userId} now, and keeps them fresh. */
  public void start(Peer peer, String userId) {
    push(peer, userId);
  }

  /** Stops refreshing for {@code peer} (its connection has ended). Idempotent. */
  public void stop(Peer peer) {
    Future<?> refresh = refreshes.remove(peer.id());
    if (refresh != null) {
      refresh.cancel(false);
    }
  }

  /** Connections with a refresh scheduled (for tests and metrics). */
  public int scheduledCount() {
    return refreshes.size();
  }

  private void push(Peer peer, String userId) {
    if (!peer.isOpen()) {
      return;
    }
    try {
      provider.iceServers(userId).whenComplete((configuration, failure) -> {
        if (failure != null || configuration == null) {
          log.warn("ICE server provider failed for peer {}; retrying in {}", peer.id(), RETRY_AFTER_FAILURE, failure);
          schedule(peer, userId, RETRY_AFTER_FAILURE);
          return;
        }
        deliver(peer, userId, configuration);
      });
    } catch (RuntimeException e) {
      log.warn("ICE server provider failed for peer {}; retrying in {}", peer.id(), RETRY_AFTER_FAILURE, e);
      schedule(peer, userId, RETRY_AFTER_FAILURE);
    }
  }

  private void deliver(Peer peer, String userId, IceConfiguration configuration) {
    if (!peer.isOpen()) {
      return;
    }
    peer.send(new ServerEvent.IceServers(configuration));
    configuration.expiresAt().ifPresent(expiry -> schedule(peer, userId, refreshDelay(clock.instant(), expiry)));
  }

  /** Three quarters of the time left until {@code expiry}, and at least {@link #MIN_REFRESH_DELAY}. */
  static Duration refreshDelay(Instant now, Instant expiry) {
    Duration left = Duration.between(now, expiry);
    Duration delay = left.multipliedBy(3).dividedBy(4);
    return delay.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : delay;
  }

  private void schedule(Peer peer, String userId, Duration delay) {
    if (!peer.isOpen()) {
      return;
    }
    Future<?> refresh;
    try {
      refresh = scheduler.schedule(() -> {
        refreshes.remove(peer.id());
        push(peer, userId);
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return; // the engine is closing
    }
    Future<?> previous = refreshes.put(peer.id(), refresh);
    if (previous != null) {
      previous.cancel(false);
    }
    if (!peer.isOpen()) {
      stop(peer); // closed while this was being scheduled
    }
  }
}
