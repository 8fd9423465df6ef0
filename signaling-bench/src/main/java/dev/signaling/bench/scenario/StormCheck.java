package dev.signaling.bench.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a join storm was answered correctly: every client answered exactly once, and in each
 * room exactly one {@code created}, then {@code joined} up to the capacity, the rest {@code full}.
 */
public final class StormCheck {
  public enum Outcome { NONE, CREATED, JOINED, FULL, OTHER }

  private StormCheck() {}

  /**
   * @param roomOf the room index each client asked for
   * @param outcomes what each client was answered
   * @return violations, empty when the storm was answered correctly (at most 10 listed)
   */
  public static List<String> violations(int[] roomOf, Outcome[] outcomes, int rooms, int capacity) {
    List<String> problems = new ArrayList<>();
    int[] asked = new int[rooms];
    int[] created = new int[rooms];
    int[] joined = new int[rooms];
    int[] full = new int[rooms];
    int unanswered = 0;
    int other = 0;
    for (int i = 0; i < roomOf.length; i++) {
      int room = roomOf[i];
      asked[room]++;
      switch (outcomes[i]) {
        case CREATED -> created[room]++;
        case JOINED -> joined[room]++;
        case FULL -> full[room]++;
        case NONE -> unanswered++;
        case OTHER -> other++;
      }
    }
    if (unanswered > 0) {
      problems.add(unanswered + " clients got no answer");
    }
    if (other > 0) {
      problems.add(other + " clients got an unexpected answer");
    }
    for (int room = 0; room < rooms && problems.size() < 10; room++) {
      if (asked[room] == 0) {
        continue;
      }
      int admitted = Math.min(asked[room], capacity);
      if (created[room] != 1 || joined[room] != admitted - 1 || full[room] != asked[room] - admitted) {
        problems.add("room " + room + ": " + asked[room] + " asked, created " + created[room] + ", joined "
            + joined[room] + ", full " + full[room] + " (expected 1, " + (admitted - 1) + ", " + (asked[room] - admitted) + ")");
      }
    }
    return problems;
  }
}
