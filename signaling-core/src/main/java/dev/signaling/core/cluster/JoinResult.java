package dev.signaling.core.cluster;

import java.util.List;

/**
 * The outcome of one atomic join.
 *
 * @param outcome created (first member), joined (room existed) or full (refused)
 * @param othersBefore the members that were in the room before this join, oldest first; empty
 *     when created; the current members when full
 */
public record JoinResult(Outcome outcome, List<String> othersBefore) {

  public enum Outcome { CREATED, JOINED, FULL }

  public JoinResult {
    othersBefore = List.copyOf(othersBefore);
  }

  public static JoinResult created() {
    return new JoinResult(Outcome.CREATED, List.of());
  }
}
