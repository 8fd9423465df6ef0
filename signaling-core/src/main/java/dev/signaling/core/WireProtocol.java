package dev.signaling.core;

/** The wire protocol a connection speaks; its {@link #tag()} labels metrics and logs. */
public enum WireProtocol {
  /** The native JSON protocol (docs/PROTOCOL.md). */
  NATIVE("native"),
  /** Socket.IO v5 over Engine.IO v4 (docs/SOCKETIO.md). */
  SOCKETIO("socketio");

  private final String tag;

  WireProtocol(String tag) {
    this.tag = tag;
  }

  /** The lower-case name used as a metric tag value, e.g. {@code native}. */
  public String tag() {
    return tag;
  }
}
