package dev.signaling.transport.socketio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /**
   * As {@link #connect}, for namespaces that decide later (an asynchronous authentication): the
   * CONNECT answer waits for the stage; a stage failed with {@link ConnectRefusedException}
   * answers CONNECT_ERROR. Events the client sends for the namespace meanwhile are dropped (a
   * socket.io client sends none before its CONNECT is answered). The default calls {@link
   * #connect}.
   */
  default CompletionStage<NamespaceListener> connectAsync(SocketIoSocket socket) {
    try {
      return CompletableFuture.completedFuture(connect(socket));
    } catch (ConnectRefusedException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
