package dev.signaling.transport.socketio.engineio;

/** What runs on top of Engine.IO: Socket.IO, or (for conformance tests) a bare echo. */
@FunctionalInterface
public interface EngineIoApplication {

  /**
   * A session opened; the handshake has been queued already. Called once per session, before
   * any message of it is delivered.
   */
  EngineIoListener open(EngineIoSocket socket);
}
