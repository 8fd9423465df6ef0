package dev.signaling.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

  @Test
  void anInOrderStreamHasNoLossDuplicateOrReordering() {
    SeqTracker tracker = new SeqTracker();
    for (int i = 0; i < 1000; i++) {
      assertTrue(tracker.onReceive(i));
    }
    assertEquals(1000, tracker.received());
    assertEquals(0, tracker.lost(1000));
    assertEquals(0, tracker.duplicates());
    assertEquals(0, tracker.reordered());
  }

  @Test
  void aRepeatedNumberIsADuplicateAndNotCountedTwice() {
    SeqTracker tracker = new SeqTracker();
    tracker.onReceive(0);
    tracker.onReceive(1);
    assertFalse(tracker.onReceive(1));
    assertFalse(tracker.onReceive(0));
    tracker.onReceive(2);
    assertEquals(3, tracker.received());
    assertEquals(2, tracker.duplicates());
    assertEquals(0, tracker.reordered());
    assertEquals(0, tracker.lost(3));
  }

  @Test
  void aLateNumberIsReorderedNotLost() {
    SeqTracker tracker = new SeqTracker();
    for (int seq : new int[] {0, 2, 3, 1, 4, 6, 5}) {
      tracker.onReceive(seq);
    }
    assertEquals(2, tracker.reordered()); // 1 after 3, 5 after 6
    assertEquals(0, tracker.lost(7));
    assertEquals(0, tracker.duplicates());
  }

  @Test
  void numbersNeverReceivedAreLostIncludingAtTheEnd() {
    SeqTracker tracker = new SeqTracker();
    for (int seq : new int[] {0, 1, 3, 4, 7}) {
      tracker.onReceive(seq);
    }
    assertEquals(5, tracker.lost(10)); // 2, 5, 6, 8, 9
    assertEquals(0, tracker.reordered());
  }

  @Test
  void aLateDuplicateOfALostGapFillerIsReorderedOnceThenDuplicate() {
    SeqTracker tracker = new SeqTracker();
    tracker.onReceive(5);
    tracker.onReceive(2);
    tracker.onReceive(2);
    assertEquals(1, tracker.reordered());
    assertEquals(1, tracker.duplicates());
    assertEquals(4, tracker.lost(6)); // 0, 1, 3, 4
  }

  @Test
  void negativeNumbersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SeqTracker().onReceive(-1));
  }
}
