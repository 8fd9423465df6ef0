package dev.signaling.transport.socketio;

/**
 * Serves one Socket.IO namespace. The main namespace {@code /} is normally the signaling core
 * ({@link SocketIoServer.Builder#signaling}); applications may serve others.
 */
@FunctionalInterface
public interface SocketIoNamespace {

  /**
   * A client asks to join. Emits made on {@code socket} during this call reach the client right
   * after its CONNECT answer.
   *
   * @return the listener for the socket's events
   * @throws ConnectRefusedException to answer CONNECT_ERROR (the connection stays open)
   */
  NamespaceListener connect(SocketIoSocket socket) throws ConnectRefusedException;
}
