package dev.signaling.bench.metrics;

import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, one instance per event-loop thread (no sharing on the hot path),
 * merged once a run is over. Values above the trackable maximum are clamped and counted, so a
 * stall longer than a minute shows as "clipped" rather than disappearing.
 */
public final class LatencyHistogram {
  /** One minute: no bounded run waits longer for an answer. */
  public static final long MAX_MICROS = 60_000_000L;

  private final Histogram histogram = new Histogram(MAX_MICROS, 3);
  private long clipped;

  public void recordMicros(long micros) {
    if (micros < 0) {
      micros = 0; // clocks of one process never go back, but be safe on rounding
    }
    if (micros > MAX_MICROS) {
      clipped++;
      micros = MAX_MICROS;
    }
    histogram.recordValue(micros);
  }

  public void recordNanos(long nanos) {
    recordMicros(nanos / 1000);
  }

  /** Adds {@code other}'s values to this one. */
  public void add(LatencyHistogram other) {
    histogram.add(other.histogram);
    clipped += other.clipped;
  }

  public void reset() {
    histogram.reset();
    clipped = 0;
  }

  public long count() {
    return histogram.getTotalCount();
  }

  public long clipped() {
    return clipped;
  }

  /** The value at {@code percentile} (0–100) in milliseconds; 0 when empty. */
  public double percentileMillis(double percentile) {
    return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return count() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
  }

  public double meanMillis() {
    return count() == 0 ? 0 : histogram.getMean() / 1000.0;
  }

  /** Merges per-thread histograms into a new one. */
  public static LatencyHistogram merge(Iterable<LatencyHistogram> parts) {
    LatencyHistogram all = new LatencyHistogram();
    for (LatencyHistogram part : parts) {
      all.add(part);
    }
    return all;
  }
}
