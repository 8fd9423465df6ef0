package dev.signaling.core;

/** A refused request, carrying the code clients see in their {@code error} event. */
public class SignalingException extends RuntimeException {
  private final ErrorCode code;

  public SignalingException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public SignalingException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** The event a client receives for this error. */
  public ServerEvent.Error toEvent() {
    return new ServerEvent.Error(code, getMessage());
  }
}
