package dev.signaling.core;

/** How a connection's frames travel; its {@link #tag()} labels metrics and logs. */
public enum TransportKind {
  WEBSOCKET("websocket"),
  /** HTTP long-polling (Engine.IO). */
  POLLING("polling");

  private final String tag;

  TransportKind(String tag) {
    this.tag = tag;
  }

  /** The lower-case name used as a metric tag value, e.g. {@code websocket}. */
  public String tag() {
    return tag;
  }
}
