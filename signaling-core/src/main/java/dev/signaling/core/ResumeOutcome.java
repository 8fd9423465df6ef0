package dev.signaling.core;

/** How an attempt to resume a session ended, as counted by {@link SignalingObserver#resumeCompleted}. */
public enum ResumeOutcome {
  /** The session was resumed: same peer, missed events re-sent. */
  RESUMED("resumed"),
  /** The session could not be resumed (unknown, expired, overflowed or in use): a new one started. */
  FAILED("failed");

  private final String tag;

  ResumeOutcome(String tag) {
    this.tag = tag;
  }

  /** The lower-case name used as a metric tag value. */
  public String tag() {
    return tag;
  }
}
