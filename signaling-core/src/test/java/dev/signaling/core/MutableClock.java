package dev.signaling.core;

import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand, so no test sleeps to let time pass. */
public final class MutableClock implements InstantSource {
  private volatile long millis = 1_000_000;

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public long millis() {
    return millis;
  }

  public void advanceMillis(long delta) {
    millis += delta;
  }
}
