package dev.signaling.transport.socketio.internal;

/** Completes one suspended long-polling GET, exactly once; implemented by the HTTP adapter. */
public interface PollResponder {

  void respond(int status, String body);
}
