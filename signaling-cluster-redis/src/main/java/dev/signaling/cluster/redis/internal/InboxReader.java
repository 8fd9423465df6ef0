package dev.signaling.cluster.redis.internal;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this node's inbox stream, in order, on a connection of its own (XREAD BLOCK holds it).
 * Remembers the id of the last entry read, so a reconnect resumes after it: nothing is read
 * twice, and nothing appended while the connection was down is lost. Entries (their fields) are
 * handed to the consumer one at a time, on a Lettuce thread.
 */
public final class InboxReader {
  private static final Logger log = LoggerFactory.getLogger(InboxReader.class);
  private static final int BATCH = 256;

  private final StatefulRedisConnection<String, String> connection;
  private final String key;
  private final Duration block;
  private final Duration retryDelay;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Map<String, String>> onEntry;
  private volatile boolean running;
  /** Written only by the one read in flight. */
  private volatile String lastId = "0-0";

  public InboxReader(StatefulRedisConnection<String, String> connection, String key, Duration block,
      Duration retryDelay, ScheduledExecutorService scheduler, Consumer<Map<String, String>> onEntry) {
    this.connection = connection;
    this.key = key;
    this.block = block;
    this.retryDelay = retryDelay;
    this.scheduler = scheduler;
    this.onEntry = onEntry;
  }

  /** Starts reading from the beginning of the (freshly emptied) inbox. */
  public void start() {
    running = true;
    readNext();
  }

  public boolean isRunning() {
    return running;
  }

  public void stop() {
    running = false;
  }

  @SuppressWarnings("unchecked") // xread's varargs of one generic StreamOffset; nothing unsafe
  private void readNext() {
    if (!running) {
      return;
    }
    try {
      connection.async()
          .xread(XReadArgs.Builder.block(block).count(BATCH), XReadArgs.StreamOffset.from(key, lastId))
          .whenComplete(this::onBatch);
    } catch (RuntimeException e) {
      retryLater(e);
    }
  }

  private void onBatch(List<StreamMessage<String, String>> batch, Throwable failure) {
    if (failure != null) {
      retryLater(failure);
      return;
    }
    for (StreamMessage<String, String> message : batch) {
      lastId = message.getId();
      try {
        onEntry.accept(message.getBody());
      } catch (RuntimeException e) {
        log.warn("Dropped cluster event {} from inbox {}: {}", message.getId(), key, e.toString());
      }
    }
    readNext();
  }

  private void retryLater(Throwable failure) {
    if (!running) {
      return;
    }
    log.debug("Reading inbox {} failed, retrying in {}: {}", key, retryDelay, failure.toString());
    try {
      scheduler.schedule(this::readNext, retryDelay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running = false; // the backend is shutting down
    }
  }
}
