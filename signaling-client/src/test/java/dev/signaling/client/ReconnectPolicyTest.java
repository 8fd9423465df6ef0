package dev.signaling.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  @Test
  void delaysGrowByTheMultiplierUpToTheMaximum() {
    ReconnectPolicy policy = ReconnectPolicy.DEFAULT;
    assertEquals(Duration.ofMillis(100), policy.delay(1));
    assertEquals(Duration.ofMillis(200), policy.delay(2));
    assertEquals(Duration.ofMillis(1600), policy.delay(5));
    assertEquals(Duration.ofSeconds(5), policy.delay(10));
  }

  @Test
  void neverMeansNoReconnect() {
    assertFalse(ReconnectPolicy.NEVER.enabled());
  }

  @Test
  void invalidPoliciesAreRefusedWithTheValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0));
    assertEquals("need 0 <= initialDelay <= maxDelay, got PT2S and PT1S", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0.5, 0));
  }
}
