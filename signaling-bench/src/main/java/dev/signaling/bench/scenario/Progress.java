package dev.signaling.bench.scenario;

import java.util.function.Supplier;

/** Prints a status line to stderr every second while a phase runs, so long runs show life. */
public final class Progress implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;

  public Progress(String phase, Supplier<String> status, boolean enabled) {
    long start = System.nanoTime();
    thread = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        if (running && enabled) {
          System.err.printf("  [%s %3ds] %s%n", phase, (System.nanoTime() - start) / 1_000_000_000L, status.get());
        }
      }
    }, "progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
