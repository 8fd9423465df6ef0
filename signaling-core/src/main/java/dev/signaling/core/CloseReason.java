package dev.signaling.core;

/**
 * Why the core asks a transport to close a connection. Codes are RFC 6455's, which WebSocket
 * transports send as they are and other transports map to their own close.
 */
public enum CloseReason {
  NORMAL(1000),
  GOING_AWAY(1001),
  UNSUPPORTED_DATA(1003),
  /** A text frame that is not well-formed UTF-8 (RFC 6455's "invalid frame payload data"). */
  INVALID_PAYLOAD(1007),
  POLICY_VIOLATION(1008),
  MESSAGE_TOO_BIG(1009),
  /** The server is restarting or draining: reconnect now, to another node if there is one. */
  SERVICE_RESTART(1012),
  TRY_AGAIN_LATER(1013);

  private final int code;

  CloseReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
