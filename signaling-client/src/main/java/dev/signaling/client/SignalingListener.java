package dev.signaling.client;

/**
 * Receives a {@link SignalingClient}'s events.
 *
 * <p>Threading: called on the client's one event thread, one call at a time, in order; never
 * while the client holds a lock, so a listener may call the client (send, close). A listener
 * that blocks delays the events after it, not the connection.
 */
@FunctionalInterface
public interface SignalingListener {

  /** One event; {@link SignalingEvent.Closed} comes last. Exceptions thrown here are ignored. */
  void onEvent(SignalingEvent event);
}
