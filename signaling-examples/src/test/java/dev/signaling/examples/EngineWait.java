package dev.signaling.examples;

import java.util.function.BooleanSupplier;

/** Waits a bounded time for a condition the server reaches asynchronously (a close handled). */
final class EngineWait {
  private EngineWait() {}

  static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(20);
    }
  }
}
