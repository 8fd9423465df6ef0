package dev.signaling.bench.scenario;

import static dev.signaling.bench.scenario.StormCheck.Outcome.CREATED;
import static dev.signaling.bench.scenario.StormCheck.Outcome.FULL;
import static dev.signaling.bench.scenario.StormCheck.Outcome.JOINED;
import static dev.signaling.bench.scenario.StormCheck.Outcome.NONE;
import static dev.signaling.bench.scenario.StormCheck.Outcome.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.bench.scenario.StormCheck.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class StormCheckTest {

  @Test
  void oneCreatedAndOneJoinedPerRoomIsCorrect() {
    int[] rooms = {0, 1, 0, 1};
    Outcome[] outcomes = {CREATED, JOINED, JOINED, CREATED};
    assertTrue(StormCheck.violations(rooms, outcomes, 2, 2).isEmpty());
  }

  @Test
  void clientsBeyondCapacityMustBeFull() {
    int[] rooms = {0, 0, 0, 0};
    assertTrue(StormCheck.violations(rooms, new Outcome[] {FULL, CREATED, FULL, JOINED}, 1, 2).isEmpty());
    List<String> problems = StormCheck.violations(rooms, new Outcome[] {JOINED, CREATED, FULL, JOINED}, 1, 2);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("joined 2"), problems.get(0));
  }

  @Test
  void twoCreatedInOneRoomIsAViolation() {
    List<String> problems = StormCheck.violations(new int[] {0, 0}, new Outcome[] {CREATED, CREATED}, 1, 2);
    assertEquals(List.of("room 0: 2 asked, created 2, joined 0, full 0 (expected 1, 1, 0)"), problems);
  }

  @Test
  void unansweredAndUnexpectedAnswersAreViolations() {
    List<String> problems = StormCheck.violations(new int[] {0, 0, 1, 1}, new Outcome[] {CREATED, NONE, CREATED, OTHER}, 2, 2);
    assertTrue(problems.contains("1 clients got no answer"), problems.toString());
    assertTrue(problems.contains("1 clients got an unexpected answer"), problems.toString());
  }
}
