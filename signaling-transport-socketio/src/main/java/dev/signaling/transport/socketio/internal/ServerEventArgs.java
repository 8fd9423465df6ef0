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
   *
   * <p>Each kind is written by a small method of its own (a relayed message by one concatenation,
   * the others into one presized builder): this was one big method of string concatenations that
   * C2 compiled to about 45 KB of machine code, and compiled again (hundreds of milliseconds on a
   * pinned core) when a join storm first took the branches a relay had not.
   */
  static String eventPacket(String prefix, ServerEvent event) {
    return eventPacket(prefix, event, null);
  }

  /**
   * As {@link #eventPacket(String, ServerEvent)}, with {@code offset} (connection state recovery:
   * the event's number) as a last argument, a JSON string, when it is not null. Written in the
   * same pass: the packet is not copied again to add it.
   */
  static String eventPacket(String prefix, ServerEvent event, String offset) {
    if (event instanceof ServerEvent.Message e) {
      return e.payload().hasBinary() ? null : message(prefix, e, offset);
    } else if (event instanceof ServerEvent.Created e) {
      return packet(prefix, "created", e.room(), e.peerId(), offset);
    } else if (event instanceof ServerEvent.Join e) {
      return packet(prefix, "join", e.room(), e.peerId(), offset);
    } else if (event instanceof ServerEvent.Joined e) {
      return packet(prefix, "joined", e.room(), e.peerId(), offset);
    } else if (event instanceof ServerEvent.Ready e) {
      return packet(prefix, "ready", e.room(), offset);
    } else if (event instanceof ServerEvent.Full e) {
      return packet(prefix, "full", e.room(), offset);
    } else if (event instanceof ServerEvent.Bye e) {
      return packet(prefix, "bye", e.room(), e.peerId(), offset);
    } else if (event instanceof ServerEvent.PeerDisconnected e) {
      return packet(prefix, "peer-disconnected", e.room(), e.peerId(), offset);
    } else if (event instanceof ServerEvent.PeerReconnected e) {
      return packet(prefix, "peer-reconnected", e.room(), e.peerId(), offset);
    } else if (event instanceof ServerEvent.Log e) {
      return log(prefix, e.lines(), offset);
    } else if (event instanceof ServerEvent.IpAddr e) {
      return packet(prefix, "ipaddr", e.address(), offset);
    } else if (event instanceof ServerEvent.Error e) {
      return error(prefix, e, offset);
    }
    return null;
  }

  /** {@code prefix["name",first(,"offset")]}. */
  private static String packet(String prefix, String name, String first, String offset) {
    StringBuilder packet = start(prefix, name, length(first) + offsetLength(offset));
    appendString(packet, first);
    return end(packet, offset);
  }

  /** {@code prefix["name",first,second(,"offset")]}. */
  private static String packet(String prefix, String name, String first, String second, String offset) {
    StringBuilder packet = start(prefix, name, length(first) + length(second) + offsetLength(offset));
    appendString(packet, first);
    appendString(packet.append(','), second);
    return end(packet, offset);
  }

  /** Closes the array, {@code ,"offset"} first when there is one (digits: nothing to escape). */
  private static String end(StringBuilder packet, String offset) {
    if (offset != null) {
      packet.append(",\"").append(offset).append('"');
    }
    return packet.append(']').toString();
  }

  private static int offsetLength(String offset) {
    return offset == null ? 0 : offset.length() + 3;
  }

  /**
   * One concatenation: the payload (often kilobytes) is copied once, into a packet of the exact
   * size; a sender id that needs no escapes (the server's own ids never do) is quoted in place.
   */
  private static String message(String prefix, ServerEvent.Message e, String offset) {
    String payload = e.payload().text();
    String from = e.fromPeerId();
    if (e.fromSubject() == null && plain(from)) {
      return offset == null
          ? prefix + "[\"message\"," + payload + ",\"" + from + "\"]"
          : prefix + "[\"message\"," + payload + ",\"" + from + "\",\"" + offset + "\"]";
    }
    return prefix + "[\"message\"," + payload + ',' + quoted(from)
        + (e.fromSubject() == null ? "" : "," + quoted(e.fromSubject()))
        + (offset == null ? "" : ",\"" + offset + '"') + ']';
  }

  private static String quoted(String value) {
    return value == null ? "null" : RawJson.string(value).text();
  }

  private static String log(String prefix, List<String> lines, String offset) {
    int size = 2 + offsetLength(offset);
    for (String line : lines) {
      size += length(line) + 1;
    }
    StringBuilder packet = start(prefix, "log", size).append('[');
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        packet.append(',');
      }
      appendString(packet, lines.get(i));
    }
    return end(packet.append(']'), offset);
  }

  private static String error(String prefix, ServerEvent.Error e, String offset) {
    StringBuilder packet = start(prefix, "error", 24 + length(e.code().wireCode()) + length(e.message())
        + offsetLength(offset));
    appendString(packet.append("{\"code\":"), e.code().wireCode());
    appendString(packet.append(",\"message\":"), e.message());
    return end(packet.append('}'), offset);
  }

  /** {@code prefix["name",} in a builder with room for {@code argsLength} more characters. */
  private static StringBuilder start(String prefix, String name, int argsLength) {
    return new StringBuilder(prefix.length() + name.length() + argsLength + 8)
        .append(prefix).append("[\"").append(name).append("\",");
  }

  /** About the characters {@code value} takes as a JSON string (exact unless it needs escapes). */
  private static int length(String value) {
    return value == null ? 4 : value.length() + 2;
  }

  /** {@code value} as a JSON string ({@code null} when null), escaped as {@link RawJson#string} does. */
  private static void appendString(StringBuilder packet, String value) {
    if (value == null) {
      packet.append("null");
    } else if (plain(value)) {
      packet.append('"').append(value).append('"');
    } else {
      packet.append(RawJson.string(value).text());
    }
  }

  /** Whether {@code value} is not null and goes into JSON quotes as it is (nothing to escape). */
  private static boolean plain(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
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

  private static JsonNode text(String value) {
    return value == null ? JSON.nullNode() : JSON.textNode(value);
  }
}
