package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import java.util.List;

/**
 * The arguments of each server event, the same as the native protocol sends (docs/PROTOCOL.md),
 * so a codelab client sees identical events whichever protocol it speaks.
 */
final class ServerEventArgs {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ServerEventArgs() {}

  /**
   * The event as a Socket.IO EVENT packet's text, {@code prefix} followed by the JSON array
   * {@code ["name",arg…]}, written directly in one piece (a relayed payload as the text its sender
   * wrote); null for the events that must go as trees: application events and acknowledgements
   * (their arguments may hold binary), and a payload with binary in it ({@link RawJson#hasBinary()}).
   */
  static String eventPacket(String prefix, ServerEvent event) {
    if (event instanceof ServerEvent.Message e) {
      return e.payload().hasBinary() ? null
          : prefix + "[\"message\"," + e.payload().text() + ',' + string(e.fromPeerId())
              + (e.fromSubject() == null ? "" : "," + string(e.fromSubject())) + ']';
    } else if (event instanceof ServerEvent.Created e) {
      return prefix + "[\"created\"," + string(e.room()) + ',' + string(e.peerId()) + ']';
    } else if (event instanceof ServerEvent.Join e) {
      return prefix + "[\"join\"," + string(e.room()) + ',' + string(e.peerId()) + ']';
    } else if (event instanceof ServerEvent.Joined e) {
      return prefix + "[\"joined\"," + string(e.room()) + ',' + string(e.peerId()) + ']';
    } else if (event instanceof ServerEvent.Ready e) {
      return prefix + "[\"ready\"," + string(e.room()) + ']';
    } else if (event instanceof ServerEvent.Full e) {
      return prefix + "[\"full\"," + string(e.room()) + ']';
    } else if (event instanceof ServerEvent.Bye e) {
      return prefix + "[\"bye\"," + string(e.room()) + ',' + string(e.peerId()) + ']';
    } else if (event instanceof ServerEvent.PeerDisconnected e) {
      return prefix + "[\"peer-disconnected\"," + string(e.room()) + ',' + string(e.peerId()) + ']';
    } else if (event instanceof ServerEvent.PeerReconnected e) {
      return prefix + "[\"peer-reconnected\"," + string(e.room()) + ',' + string(e.peerId()) + ']';
    } else if (event instanceof ServerEvent.Log e) {
      StringBuilder lines = new StringBuilder(prefix).append("[\"log\",[");
      for (int i = 0; i < e.lines().size(); i++) {
        lines.append(i == 0 ? "" : ",").append(string(e.lines().get(i)));
      }
      return lines.append("]]").toString();
    } else if (event instanceof ServerEvent.IpAddr e) {
      return prefix + "[\"ipaddr\"," + string(e.address()) + ']';
    } else if (event instanceof ServerEvent.Error e) {
      return prefix + "[\"error\",{\"code\":" + string(e.code().wireCode()) + ",\"message\":" + string(e.message()) + "}]";
    }
    return null;
  }

  /** The event's arguments as trees, for {@link dev.signaling.transport.socketio.SocketIoSocket#emit}. */
  static List<JsonNode> of(ServerEvent event) {
    if (event instanceof ServerEvent.Message e) {
      return e.fromSubject() == null
          ? List.of(e.payload().toJsonNode(), text(e.fromPeerId()))
          : List.of(e.payload().toJsonNode(), text(e.fromPeerId()), text(e.fromSubject()));
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
    } else if (event instanceof ServerEvent.PeerDisconnected e) {
      return List.of(text(e.room()), text(e.peerId()));
    } else if (event instanceof ServerEvent.PeerReconnected e) {
      return List.of(text(e.room()), text(e.peerId()));
    } else if (event instanceof ServerEvent.Log e) {
      ArrayNode lines = JSON.arrayNode();
      e.lines().forEach(lines::add);
      return List.of(lines);
    } else if (event instanceof ServerEvent.IpAddr e) {
      return List.of(text(e.address()));
    } else if (event instanceof ServerEvent.Error e) {
      return List.of(JSON.objectNode().put("code", e.code().wireCode()).put("message", e.message()));
    } else if (event instanceof ServerEvent.IceServers e) {
      return List.of(e.configuration().toJson());
    } else if (event instanceof ServerEvent.Custom e) {
      return e.args();
    } else if (event instanceof ServerEvent.AckReply e) {
      return e.args();
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static String string(String value) {
    return value == null ? "null" : RawJson.string(value).text();
  }

  private static JsonNode text(String value) {
    return value == null ? JSON.nullNode() : JSON.textNode(value);
  }
}
