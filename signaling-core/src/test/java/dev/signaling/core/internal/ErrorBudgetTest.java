package dev.signaling.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {
  private final MutableClock clock = new MutableClock();
  private final ErrorBudget budget = new ErrorBudget(3, Duration.ofSeconds(10), clock);

  @Test
  void theErrorPastTheLimitWithinTheWindowIsRefused() {
    assertTrue(budget.spend());
    assertTrue(budget.spend());
    assertTrue(budget.spend());
    assertFalse(budget.spend());
  }

  @Test
  void errorsOlderThanTheWindowNoLongerCount() {
    assertTrue(budget.spend());
    clock.advanceMillis(5_000);
    assertTrue(budget.spend());
    assertTrue(budget.spend());
    clock.advanceMillis(5_000);
    assertTrue(budget.spend(), "the first error is 10 s old");
    assertFalse(budget.spend(), "the other three are within 10 s");
  }
}
