package dev.signaling.transport.socketio.internal;

import java.nio.charset.StandardCharsets;

/** What a container adapter must do with one polling request, as {@link PollingTransport} decided. */
public sealed interface PollingRoute {

  /** Answer now, with a text body (empty for 204). */
  record Reply(int status, String body) implements PollingRoute {
    public static final String CONTENT_TYPE = "text/plain; charset=UTF-8";

    public byte[] bytes() {
      return body.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * A GET for {@code session}: hold the request without a thread waiting on it, then hand a
   * {@link HeldPoll} to {@link EngineIoSession#poll}.
   */
  record HoldPoll(EngineIoSession session) implements PollingRoute {}

  /**
   * A POST for {@code session}: read the body without waiting on a container thread, stopping
   * after {@code limit + 1} bytes, then answer {@link PollingTransport#posted}.
   */
  record ReadBody(EngineIoSession session, int limit) implements PollingRoute {}
}
