package dev.signaling.core;

import java.time.Duration;

/**
 * Runs a task once after a delay: how the engine ends sessions whose resume window passed.
 * Injected so tests move time by hand instead of sleeping ({@link SignalingEngine.Builder#scheduler}).
 *
 * <p>Tasks may run on any thread; they must not block.
 */
@FunctionalInterface
public interface Scheduler {

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it if not run yet. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; idempotent. */
    void cancel();
  }
}
