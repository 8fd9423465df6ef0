package dev.signaling.core;

/**
 * What became of one attempt to resume a session ({@link
 * SignalingEngine#connect(Handshake, PeerSink, ResumeRequest)}). Every value but {@link #RESUMED} means the client was told {@code
 * resume-failed} and got a new session. Stable names, meant for metrics labels ({@link
 * #tag()}).
 */
public enum ResumeOutcome {
  /** The session continues on the new connection; missed events were replayed. */
  RESUMED("resumed"),
  /** No session has this token: never issued, or ended (window over, left, closed by the server). */
  UNKNOWN("unknown"),
  /** The session's window ended while the resume was being looked at. */
  EXPIRED("expired"),
  /** The session is still attached to a live connection (a stolen or replayed token). Left as it is. */
  IN_USE("in-use"),
  /** The events the client missed no longer fit the buffer; the old session ends. */
  OVERFLOWED("overflowed"),
  /** The client claims to have received events the server never sent; the old session ends. */
  INVALID_SEQ("invalid-seq"),
  /** The resuming connection is not the identity the session belongs to. Left as it is. */
  FORBIDDEN("forbidden"),
  /**
   * The session lived on another node of the cluster (no sticky sessions): that node ended it,
   * its partners got {@code bye}, and its place in the room is free for the new session.
   */
  ENDED_ELSEWHERE("ended-elsewhere"),
  /** Resume is turned off on this server. */
  DISABLED("disabled");

  private final String tag;

  ResumeOutcome(String tag) {
    this.tag = tag;
  }

  /** Lower-case, hyphenated name, e.g. {@code "in-use"}. */
  public String tag() {
    return tag;
  }
}
