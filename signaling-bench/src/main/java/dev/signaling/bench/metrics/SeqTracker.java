package dev.signaling.bench.metrics;

import java.util.BitSet;

/**
 * Checks one direction of a message stream whose sender numbers its messages 0, 1, 2, … : counts
 * distinct receptions, duplicates (a number seen before) and reorderings (a number below the
 * highest seen so far, arriving for the first time). Lost messages are those sent but never
 * received, known once the run has drained. Confined to one thread.
 */
public final class SeqTracker {
  private final BitSet seen = new BitSet();
  private int highest = -1;
  private long received;
  private long duplicates;
  private long reordered;

  /** Records the arrival of {@code seq}; returns false when it is a duplicate. */
  public boolean onReceive(long seq) {
    if (seq < 0 || seq > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sequence number out of range: " + seq);
    }
    int s = (int) seq;
    if (seen.get(s)) {
      duplicates++;
      return false;
    }
    seen.set(s);
    received++;
    if (s < highest) {
      reordered++;
    } else {
      highest = s;
    }
    return true;
  }

  /** Distinct messages received. */
  public long received() {
    return received;
  }

  public long duplicates() {
    return duplicates;
  }

  public long reordered() {
    return reordered;
  }

  /** Messages never received out of {@code sent} numbered 0 … sent−1. */
  public long lost(long sent) {
    return sent - seen.get(0, (int) Math.min(sent, Integer.MAX_VALUE)).cardinality();
  }
}
