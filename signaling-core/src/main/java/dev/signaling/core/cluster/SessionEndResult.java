package dev.signaling.core.cluster;

/** What became of a {@link SessionEndRequest}. */
public enum SessionEndResult {
  /**
   * A node held the session, detached (its connection lost), and ended it: its peer has left its
   * room, and the room's other members were sent {@code bye}.
   */
  ENDED,
  /** A node holds the session attached to a live connection (a stolen or replayed token): left as it is. */
  IN_USE,
  /** A node holds the session, but for another identity than the request's subject: left as it is. */
  FORBIDDEN,
  /** No node holds it (never issued, or ended already), or no node answered in time. */
  NOT_FOUND
}
