package dev.signaling.cluster.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.ServerEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's JSON form of every {@link ServerEvent}: an object whose {@code type} is the
 * event's wire name ({@code custom} for application events). Payloads and arguments are copied
 * as JSON values, never looked into. This is a node-to-node format, not a client protocol; the
 * Lua scripts build {@code bye} events in the same form.
 */
public final class ServerEventJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ServerEventJson() {}

  public static ObjectNode encode(ServerEvent event) {
    ObjectNode node = JSON.objectNode();
    if (event instanceof ServerEvent.Custom custom) {
      node.put("type", "custom").put("name", custom.name()).set("args", array(custom.args()));
      return node;
    }
    node.put("type", event.name());
    if (event instanceof ServerEvent.Created e) {
      node.put("room", e.room()).put("peerId", e.peerId());
    } else if (event instanceof ServerEvent.Join e) {
      node.put("room", e.room()).put("peerId", e.peerId());
    } else if (event instanceof ServerEvent.Joined e) {
      node.put("room", e.room()).put("peerId", e.peerId());
    } else if (event instanceof ServerEvent.Ready e) {
      node.put("room", e.room());
    } else if (event instanceof ServerEvent.Full e) {
      node.put("room", e.room());
    } else if (event instanceof ServerEvent.Message e) {
      node.put("from", e.fromPeerId()).set("payload", e.payload());
    } else if (event instanceof ServerEvent.Bye e) {
      node.put("room", e.room()).put("peerId", e.peerId());
    } else if (event instanceof ServerEvent.Log e) {
      ArrayNode lines = node.putArray("lines");
      e.lines().forEach(lines::add);
    } else if (event instanceof ServerEvent.IpAddr e) {
      node.put("address", e.address());
    } else if (event instanceof ServerEvent.Error e) {
      node.put("code", e.code().name()).put("message", e.message());
    } else if (event instanceof ServerEvent.AckReply e) {
      node.put("ackId", e.ackId()).set("args", array(e.args()));
    } else {
      throw new IllegalArgumentException("no cluster form for " + event.getClass().getName());
    }
    return node;
  }

  /** Decodes what {@link #encode} made. Throws IllegalArgumentException on anything else. */
  public static ServerEvent decode(JsonNode node) {
    String type = text(node, "type");
    return switch (type) {
      case "created" -> new ServerEvent.Created(text(node, "room"), text(node, "peerId"));
      case "join" -> new ServerEvent.Join(text(node, "room"), text(node, "peerId"));
      case "joined" -> new ServerEvent.Joined(text(node, "room"), text(node, "peerId"));
      case "ready" -> new ServerEvent.Ready(text(node, "room"));
      case "full" -> new ServerEvent.Full(text(node, "room"));
      case "message" -> new ServerEvent.Message(required(node, "payload"), text(node, "from"));
      case "bye" -> new ServerEvent.Bye(text(node, "room"), text(node, "peerId"));
      case "log" -> new ServerEvent.Log(texts(required(node, "lines")));
      case "ipaddr" -> new ServerEvent.IpAddr(text(node, "address"));
      case "error" -> new ServerEvent.Error(errorCode(text(node, "code")), text(node, "message"));
      case "ack" -> new ServerEvent.AckReply(required(node, "ackId").asLong(), values(required(node, "args")));
      case "custom" -> new ServerEvent.Custom(text(node, "name"), values(required(node, "args")));
      default -> throw new IllegalArgumentException("unknown cluster event type '" + type + "'");
    };
  }

  private static ArrayNode array(List<JsonNode> values) {
    ArrayNode array = JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new IllegalArgumentException("cluster event lacks '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("cluster event field '" + field + "' is not a string");
    }
    return value.asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(line -> texts.add(line.asText()));
    return texts;
  }

  private static List<JsonNode> values(JsonNode array) {
    List<JsonNode> values = new ArrayList<>();
    array.forEach(values::add);
    return values;
  }

  private static ErrorCode errorCode(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      // A newer node's code this node does not know: still an error, reported generically.
      return ErrorCode.INTERNAL;
    }
  }
}
