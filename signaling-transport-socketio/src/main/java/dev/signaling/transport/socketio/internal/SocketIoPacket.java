package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.RawJson;
import java.util.List;

/**
 * One decoded Socket.IO v5 packet. An EVENT for a namespace whose listener takes raw arguments
 * ({@link RawArgsListener}) is decoded into {@code rawEvent} and has no {@code data} tree; every
 * other packet with a payload has {@code data}.
 *
 * @param type 0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 CONNECT_ERROR, 5 BINARY_EVENT, 6 BINARY_ACK
 * @param namespace {@code /} unless the packet names another
 * @param ackId the acknowledgement id, or null
 * @param data the JSON payload, or null when the packet has none or was decoded raw
 * @param attachments binary messages that follow (binary types only)
 * @param rawEvent the event name and its arguments as JSON text, or null
 */
record SocketIoPacket(int type, String namespace, Long ackId, JsonNode data, int attachments, RawEvent rawEvent) {
  static final int CONNECT = 0;
  static final int DISCONNECT = 1;
  static final int EVENT = 2;
  static final int ACK = 3;
  static final int CONNECT_ERROR = 4;
  static final int BINARY_EVENT = 5;
  static final int BINARY_ACK = 6;

  static final String MAIN_NAMESPACE = "/";

  /** An EVENT's name and arguments, each argument the exact JSON text the client sent. */
  record RawEvent(String name, List<RawJson> args) {}

  SocketIoPacket withData(JsonNode newData) {
    return new SocketIoPacket(type, namespace, ackId, newData, 0, null);
  }
}
