package dev.signaling.bench.millions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signaling.bench.scenario.Result;
import org.junit.jupiter.api.Test;

/** The "millions" run scaled down for CI: the same code path, 20,000 rooms. */
class MillionRoomsTest {

  @Test
  void roomsAreCreatedFilledAndEmptiedWithNothingLeft() {
    Result result = new MillionRooms(20_000).run();
    assertEquals(20_000L, number(result, "roomsWhenFull"));
    assertEquals(40_000L, number(result, "peersWhenFull"));
    assertEquals(0L, number(result, "roomsAfter"));
    assertEquals(0L, number(result, "peersAfter"));
    assertEquals(20_000L, number(result, "createdEvents"));
    assertEquals(20_000L, number(result, "joinedEvents"));
    assertEquals(true, result.get("correct"));
  }

  private static long number(Result result, String key) {
    return ((Number) result.get(key)).longValue();
  }
}
