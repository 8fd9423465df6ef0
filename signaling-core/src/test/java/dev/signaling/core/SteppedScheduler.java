package dev.signaling.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose time moves only when a test says so: nobody sleeps. */
public final class SteppedScheduler implements Scheduler {
  private final List<Task> tasks = new ArrayList<>();
  private long nowNanos;

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task scheduled = new Task(nowNanos + delay.toNanos(), task);
    tasks.add(scheduled);
    return () -> {
      synchronized (this) {
        tasks.remove(scheduled);
      }
    };
  }

  /** Moves time forward by {@code delta}, running the tasks that fall due, in order. */
  public void advance(Duration delta) {
    long until;
    synchronized (this) {
      until = nowNanos + delta.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> t.dueNanos <= until)
            .min(Comparator.comparingLong(t -> t.dueNanos)).orElse(null);
        if (next == null) {
          nowNanos = until;
          return;
        }
        tasks.remove(next);
        nowNanos = next.dueNanos;
      }
      next.task.run();
    }
  }

  /** An engine with {@code policy} whose resume timers (windows, reconnect grace) run on this scheduler. */
  public SignalingEngine engine(ResumePolicy policy) {
    return SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(policy).build())
        .resumeScheduler(this)
        .build();
  }

  /** Tasks waiting to run. */
  public synchronized int pending() {
    return tasks.size();
  }

  private record Task(long dueNanos, Runnable task) {}
}
