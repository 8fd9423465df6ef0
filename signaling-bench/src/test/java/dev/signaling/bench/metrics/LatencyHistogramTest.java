package dev.signaling.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void mergedPerThreadHistogramsGiveThePercentilesOfAllValues() {
    LatencyHistogram fast = new LatencyHistogram();
    LatencyHistogram slow = new LatencyHistogram();
    for (int i = 1; i <= 900; i++) {
      fast.recordMicros(1000); // 1 ms
    }
    for (int i = 1; i <= 100; i++) {
      slow.recordMicros(100_000); // 100 ms
    }
    LatencyHistogram all = LatencyHistogram.merge(List.of(fast, slow));
    assertEquals(1000, all.count());
    assertEquals(1.0, all.percentileMillis(50), 0.01);
    assertEquals(1.0, all.percentileMillis(90), 0.01);
    assertEquals(100.0, all.percentileMillis(99), 0.1);
    assertEquals(100.0, all.maxMillis(), 0.1);
    // The parts are left as they were.
    assertEquals(900, fast.count());
  }

  @Test
  void nanosecondsAreRecordedAsMicrosecondsWithinThreeDigits() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordNanos(12_345_678); // 12.345 ms
    assertEquals(12.345, h.percentileMillis(100), 0.02);
  }

  @Test
  void valuesBeyondAMinuteAreClampedAndCounted() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordMicros(LatencyHistogram.MAX_MICROS * 2);
    h.recordMicros(5);
    assertEquals(2, h.count());
    assertEquals(1, h.clipped());
    assertEquals(60_000, h.maxMillis(), 60);
  }

  @Test
  void anEmptyHistogramReportsZero() {
    assertEquals(0, new LatencyHistogram().percentileMillis(99));
  }
}
