package dev.signaling.core;

/** Stable error codes, sent to clients in {@code error} events. Never renamed once released. */
public enum ErrorCode {
  /** The frame is not parseable JSON. */
  INVALID_JSON("invalid-json"),
  /** The frame is JSON but not a valid event: not an object, missing or wrong-typed fields. */
  INVALID_EVENT("invalid-event"),
  /** The event name is neither built in nor registered by the application. */
  UNKNOWN_EVENT("unknown-event"),
  /** The room name is empty, too long or holds control characters. */
  INVALID_ROOM("invalid-room"),
  /** {@code message} or {@code bye} from a peer that is not in (that) room. */
  NOT_IN_ROOM("not-in-room"),
  /** The peer already is in the room it asked to join. */
  ALREADY_IN_ROOM("already-in-room"),
  /** The room state backend (for instance the cluster) cannot serve the request now. */
  UNAVAILABLE("unavailable"),
  /** A resume was refused (unknown, expired, in-use or overflowed token); a new session follows. */
  RESUME_FAILED("resume-failed"),
  /** The peer sent events faster than the server's rate limit; the event was not processed. */
  RATE_LIMITED("rate-limited"),
  /** An application handler failed. */
  INTERNAL("internal-error"),
  /**
   * The connection presented no credential, or one its {@link Authenticator} refused (bad,
   * expired, not yet valid). Native connections are closed 1008 after it.
   */
  UNAUTHORIZED("unauthorized"),
  /**
   * The connection's {@link Identity} may not enter the room it asked for. The connection stays
   * open; the refusal never says whether the room exists.
   */
  FORBIDDEN("forbidden");

  private final String wireCode;

  ErrorCode(String wireCode) {
    this.wireCode = wireCode;
  }

  /** The code as sent on the wire, e.g. {@code "not-in-room"}. */
  public String wireCode() {
    return wireCode;
  }
}
