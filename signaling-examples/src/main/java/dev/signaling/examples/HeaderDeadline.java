package dev.signaling.examples;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops connections that do not finish sending a request's headers in time (slowloris): from
 * when a connection is accepted, and again from when a response has been sent on it, its next
 * request's headers must arrive within {@code timeout}. An idle keep-alive connection is dropped
 * the same way. Upgraded WebSockets and held long-polls are not waiting for headers.
 *
 * <p>One daemon thread checks every connection waiting for headers a few times per timeout.
 */
final class HeaderDeadline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

  private final long timeoutNanos;
  private final LongSupplier nanoClock;
  private final Map<Connection<?>, Long> waiting = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  HeaderDeadline(Duration timeout, LongSupplier nanoClock) {
    this.timeoutNanos = timeout.toNanos();
    this.nanoClock = nanoClock;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "header-deadline");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(50, timeout.toMillis() / 4);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** The connection now waits for a request's headers (it was accepted, or a response ended). */
  void awaitHeaders(Connection<?> connection) {
    waiting.put(connection, nanoClock.getAsLong());
  }

  /** A request's headers have arrived. */
  void headersArrived(Connection<?> connection) {
    waiting.remove(connection);
  }

  void closed(Connection<?> connection) {
    waiting.remove(connection);
  }

  /** Connections waiting for headers now. */
  int waiting() {
    return waiting.size();
  }

  private void sweep() {
    long now = nanoClock.getAsLong();
    waiting.forEach((connection, since) -> {
      if (now - since > timeoutNanos && waiting.remove(connection, since)) {
        log.debug("Dropping {}: no complete request headers within {} ms", connection.getPeerAddress(),
            timeoutNanos / 1_000_000);
        connection.closeSilently();
      }
    });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    waiting.clear();
  }
}
