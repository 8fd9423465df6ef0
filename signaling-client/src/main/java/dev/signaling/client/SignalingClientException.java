package dev.signaling.client;

/** A request the client could not complete: closed, or its session was replaced before the answer. */
public final class SignalingClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SignalingClientException(String message) {
    super(message);
  }
}
