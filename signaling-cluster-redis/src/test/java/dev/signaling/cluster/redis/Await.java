package dev.signaling.cluster.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for a condition: tests wait for what they expect, never for time itself. */
final class Await {
  private Await() {}

  static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWasSeen)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not true within " + timeout + ": " + whatWasSeen.get());
      }
      Thread.sleep(5);
    }
  }
}
