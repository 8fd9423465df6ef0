package dev.signaling.client;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that queues events for a test to take, with a bounded wait. */
final class Inbox implements SignalingListener {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final BlockingQueue<SignalingEvent> events = new LinkedBlockingQueue<>();

  @Override
  public void onEvent(SignalingEvent event) {
    events.add(event);
  }

  /** The next event of {@code type}, skipping others; fails after 10 s. */
  <T extends SignalingEvent> T next(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      SignalingEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
      }
      if (type.isInstance(event)) {
        return type.cast(event);
      }
    }
  }

  /** The next event whatever it is; fails after 10 s. */
  SignalingEvent next() throws InterruptedException {
    SignalingEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + WAIT);
    }
    return event;
  }

  /** The next event if one arrives within {@code wait}, else null. */
  SignalingEvent poll(Duration wait) throws InterruptedException {
    return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }
}
