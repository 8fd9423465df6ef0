package dev.signaling.core.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of one deployment, each visited once every ping interval by one daemon
 * thread (to be pinged, or closed when silent too long). One sweep for all connections is cheaper
 * than a timer per connection rescheduled on every message.
 *
 * <p>Transport-neutral: {@link NativeSessions} uses it for the native protocol on every
 * transport (JSR-356, Netty).
 *
 * <p>Connections are dealt round-robin into {@link #SLICES} slices, and each tick visits one
 * slice, so the pings of thousands of connections that joined together leave spread over the
 * interval instead of in one burst: on one core, pinging 1,000 connections at once (and reading
 * their 1,000 pongs) stalled every other message on that core for 100-250 ms.
 */
public final class ConnectionRegistry<C> implements AutoCloseable {
  public static final int SLICES = 25;
  private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

  /** What a visit does to one connection. */
  public interface Visit<C> {
    /** {@code nowNanos} is from {@link System#nanoTime()}. */
    void visit(C connection, long nowNanos);
  }

  private final Visit<C> visit;
  private final Set<C>[] slices;
  private final AtomicInteger dealt = new AtomicInteger();
  private final ScheduledExecutorService scheduler;
  private int nextSlice; // only the scheduler thread touches it

  @SuppressWarnings("unchecked")
  public ConnectionRegistry(Duration pingInterval, Visit<C> visit) {
    this.visit = visit;
    slices = new Set[SLICES];
    for (int i = 0; i < SLICES; i++) {
      slices[i] = ConcurrentHashMap.newKeySet();
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "signaling-ws-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    long tickNanos = Math.max(1, pingInterval.toNanos() / SLICES);
    scheduler.scheduleAtFixedRate(this::sweepNextSlice, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
  }

  /** Runs {@code task} once after {@code delay} on the heartbeat's thread (it must not block). */
  public void schedule(Duration delay, Runnable task) {
    try {
      scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("Heartbeat stopped; task not scheduled");
    }
  }

  /** Adds {@code connection}; returns the slice to pass to {@link #remove}. */
  public int add(C connection) {
    int slice = Math.floorMod(dealt.getAndIncrement(), SLICES);
    slices[slice].add(connection);
    return slice;
  }

  /** Removes {@code connection}; true when it was there. */
  public boolean remove(C connection, int slice) {
    return slices[slice].remove(connection);
  }

  public int size() {
    int size = 0;
    for (Set<C> slice : slices) {
      size += slice.size();
    }
    return size;
  }

  private void sweepNextSlice() {
    Set<C> slice = slices[nextSlice];
    nextSlice = (nextSlice + 1) % SLICES;
    long now = System.nanoTime();
    for (C connection : slice) {
      try {
        visit.visit(connection, now);
      } catch (RuntimeException e) {
        // Thrown out of the scheduled task, it would end the heartbeat of every connection.
        log.warn("Heartbeat visit failed", e);
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
