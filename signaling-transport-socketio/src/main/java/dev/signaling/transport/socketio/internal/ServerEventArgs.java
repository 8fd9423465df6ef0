package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.ServerEvent;
import java.util.List;

/**
 * The arguments of each server event, the same as the native protocol sends (docs/PROTOCOL.md),
 * so a codelab client sees identical events whichever protocol it speaks.
 */
final class ServerEventArgs {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ServerEventArgs() {}

  static List<JsonNode> of(ServerEvent event) {
    if (event instanceof ServerEvent.Message e) {
      return List.of(e.payload(), text(e.fromPeerId()));
    } else if (event instanceof ServerEvent.Created e) {
      return List.of(text(e.room()), text(e.peerId()));
    } else if (event instanceof ServerEvent.Join e) {
      return List.of(text(e.room()), text(e.peerId()));
    } else if (event instanceof ServerEvent.Joined e) {
      return List.of(text(e.room()), text(e.peerId()));
    } else if (event instanceof ServerEvent.Ready e) {
      return List.of(text(e.room()));
    } else if (event instanceof ServerEvent.Full e) {
      return List.of(text(e.room()));
    } else if (event instanceof ServerEvent.Bye e) {
      return List.of(text(e.room()), text(e.peerId()));
    } else if (event instanceof ServerEvent.Log e) {
      ArrayNode lines = JSON.arrayNode();
      e.lines().forEach(lines::add);
      return List.of(lines);
    } else if (event instanceof ServerEvent.IpAddr e) {
      return List.of(text(e.address()));
    } else if (event instanceof ServerEvent.Error e) {
      return List.of(JSON.objectNode().put("code", e.code().wireCode()).put("message", e.message()));
    } else if (event instanceof ServerEvent.Custom e) {
      return e.args();
    } else if (event instanceof ServerEvent.AckReply e) {
      return e.args();
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static JsonNode text(String value) {
    return value == null ? JSON.nullNode() : JSON.textNode(value);
  }
}
