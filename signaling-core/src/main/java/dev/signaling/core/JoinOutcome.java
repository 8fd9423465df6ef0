package dev.signaling.core;

/**
 * How a {@code create or join} ended, as counted by {@link SignalingObserver#joinCompleted}. A
 * request refused before it reached the room state (an invalid room name, already in the room)
 * is an error, not a join outcome.
 */
public enum JoinOutcome {
  /** The peer created the room ({@code created}). */
  CREATED("created"),
  /** The peer joined an existing room ({@code joined}). */
  JOINED("joined"),
  /** The room was at capacity ({@code full}). */
  FULL("full"),
  /** The peer may not enter the room ({@code error} with code {@code forbidden}). */
  FORBIDDEN("forbidden"),
  /** The room state backend could not be reached ({@code error} with code {@code unavailable}). */
  UNAVAILABLE("unavailable");

  private final String tag;

  JoinOutcome(String tag) {
    this.tag = tag;
  }

  /** The lower-case name used as a metric tag value. */
  public String tag() {
    return tag;
  }
}
