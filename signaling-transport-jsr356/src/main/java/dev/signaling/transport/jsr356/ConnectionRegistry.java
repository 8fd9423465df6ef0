package dev.signaling.transport.jsr356;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The open connections of one deployment, swept every ping interval by one daemon thread: each
 * is pinged, and those silent past the idle timeout are closed. One sweep for all connections is
 * cheaper than a timer per connection rescheduled on every message.
 */
final class ConnectionRegistry implements AutoCloseable {
  private final Set<SignalingEndpoint> connections = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler;
  private final ScheduledFuture<?> sweeper;

  ConnectionRegistry(Duration pingInterval) {
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "signaling-ws-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    long periodNanos = pingInterval.toNanos();
    this.sweeper = scheduler.scheduleAtFixedRate(this::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  void add(SignalingEndpoint connection) {
    connections.add(connection);
  }

  void remove(SignalingEndpoint connection) {
    connections.remove(connection);
  }

  int size() {
    return connections.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (SignalingEndpoint connection : connections) {
      connection.sweep(now);
    }
  }

  @Override
  public void close() {
    sweeper.cancel(false);
    scheduler.shutdownNow();
  }
}
