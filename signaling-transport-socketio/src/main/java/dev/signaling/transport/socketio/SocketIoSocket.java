package dev.signaling.transport.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.Handshake;
import java.util.List;

/**
 * One client's connection to one Socket.IO namespace. Thread-safe; {@link #emit} never blocks.
 * Binary arguments ({@link com.fasterxml.jackson.databind.node.BinaryNode}) go out as binary
 * attachments.
 */
public interface SocketIoSocket {

  /** The socket id sent to the client in its CONNECT answer; distinct per namespace. */
  String id();

  /** The namespace, e.g. {@code /} or {@code /custom}. */
  String namespace();

  /** The CONNECT packet's payload ({@code auth} of the client); an empty object if it sent none. */
  ObjectNode auth();

  /**
   * What the session's opening request carried (remote address, {@code Origin}, path, query,
   * headers), with the credential from the CONNECT payload's {@code token} (a string), if any.
   */
  Handshake handshake();

  /** Sends the event {@code event} with {@code args}. Ignored once disconnected. */
  void emit(String event, List<JsonNode> args);

  /**
   * Leaves the namespace (the client gets a DISCONNECT packet) and, when {@code closeConnection},
   * closes the whole Engine.IO session too. The listener's {@code onDisconnect} is called once,
   * possibly on the calling thread. Idempotent.
   */
  void disconnect(boolean closeConnection);
}
