package dev.signaling.cluster.redis.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's JSON form of every {@link ServerEvent}: an object whose {@code type} is the
 * event's wire name ({@code custom} for application events). Relay payloads are written as the
 * JSON text they arrived as and read back as that text ({@link RawJson}), never parsed into a
 * tree; application arguments are copied as JSON values. This is a node-to-node format, not a
 * client protocol; the Lua scripts build {@code bye} events in the same form (fields in any
 * order).
 */
public final class ServerEventJson {

  private ServerEventJson() {}

  /** Writes {@code event} as one JSON object. */
  public static void write(JsonGenerator json, ServerEvent event) throws IOException {
    json.writeStartObject();
    if (event instanceof ServerEvent.Custom custom) {
      json.writeStringField("type", "custom");
      json.writeStringField("name", custom.name());
      writeArray(json, "args", custom.args());
      json.writeEndObject();
      return;
    }
    json.writeStringField("type", event.name());
    if (event instanceof ServerEvent.Message e) {
      json.writeStringField("from", e.fromPeerId());
      if (e.fromSubject() != null) {
        json.writeStringField("subject", e.fromSubject());
      }
      json.writeFieldName("payload");
      json.writeRawValue(e.payload().text());
    } else if (event instanceof ServerEvent.Created e) {
      roomAndPeer(json, e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Join e) {
      roomAndPeer(json, e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Joined e) {
      roomAndPeer(json, e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Ready e) {
      json.writeStringField("room", e.room());
    } else if (event instanceof ServerEvent.Full e) {
      json.writeStringField("room", e.room());
    } else if (event instanceof ServerEvent.Bye e) {
      roomAndPeer(json, e.room(), e.peerId());
    } else if (event instanceof ServerEvent.PeerDisconnected e) {
      roomAndPeer(json, e.room(), e.peerId());
    } else if (event instanceof ServerEvent.PeerReconnected e) {
      roomAndPeer(json, e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Log e) {
      json.writeArrayFieldStart("lines");
      for (String line : e.lines()) {
        json.writeString(line);
      }
      json.writeEndArray();
    } else if (event instanceof ServerEvent.IpAddr e) {
      json.writeStringField("address", e.address());
    } else if (event instanceof ServerEvent.Error e) {
      json.writeStringField("code", e.code().name());
      json.writeStringField("message", e.message());
    } else if (event instanceof ServerEvent.AckReply e) {
      json.writeNumberField("ackId", e.ackId());
      writeArray(json, "args", e.args());
    } else if (event instanceof ServerEvent.IceServers) {
      // Per connection, with that user's TURN credentials: sent by the node the client is on.
      throw new IllegalArgumentException("ice-servers goes to one local connection, never across nodes");
    } else {
      throw new IllegalArgumentException("no cluster form for " + event.getClass().getName());
    }
    json.writeEndObject();
  }

  private static void roomAndPeer(JsonGenerator json, String room, String peerId) throws IOException {
    json.writeStringField("room", room);
    json.writeStringField("peerId", peerId);
  }

  private static void writeArray(JsonGenerator json, String field, List<JsonNode> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (JsonNode value : values) {
      json.writeTree(value);
    }
    json.writeEndArray();
  }

  /**
   * Reads the event object at the reader's current token (leaving the reader on its end), as
   * {@link #write} made it. Throws IllegalArgumentException on anything else.
   */
  public static ServerEvent read(RawJson.Reader reader) throws IOException {
    JsonParser json = reader.parser();
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      throw new IllegalArgumentException("cluster event is not a JSON object");
    }
    Map<String, RawJson> fields = new HashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      fields.put(name, reader.capture());
    }
    String type = text(fields, "type");
    return switch (type) {
      case "created" -> new ServerEvent.Created(text(fields, "room"), text(fields, "peerId"));
      case "join" -> new ServerEvent.Join(text(fields, "room"), text(fields, "peerId"));
      case "joined" -> new ServerEvent.Joined(text(fields, "room"), text(fields, "peerId"));
      case "ready" -> new ServerEvent.Ready(text(fields, "room"));
      case "full" -> new ServerEvent.Full(text(fields, "room"));
      case "message" -> new ServerEvent.Message(required(fields, "payload"), text(fields, "from"),
          fields.containsKey("subject") ? text(fields, "subject") : null);
      case "bye" -> new ServerEvent.Bye(text(fields, "room"), text(fields, "peerId"));
      case "peer-disconnected" -> new ServerEvent.PeerDisconnected(text(fields, "room"), text(fields, "peerId"));
      case "peer-reconnected" -> new ServerEvent.PeerReconnected(text(fields, "room"), text(fields, "peerId"));
      case "log" -> new ServerEvent.Log(texts(required(fields, "lines").toJsonNode()));
      case "ipaddr" -> new ServerEvent.IpAddr(text(fields, "address"));
      case "error" -> new ServerEvent.Error(errorCode(text(fields, "code")), text(fields, "message"));
      case "ack" -> new ServerEvent.AckReply(required(fields, "ackId").toJsonNode().asLong(),
          values(required(fields, "args").toJsonNode()));
      case "custom" -> new ServerEvent.Custom(text(fields, "name"), values(required(fields, "args").toJsonNode()));
      default -> throw new IllegalArgumentException("unknown cluster event type '" + type + "'");
    };
  }

  private static RawJson required(Map<String, RawJson> fields, String field) {
    RawJson value = fields.get(field);
    if (value == null) {
      throw new IllegalArgumentException("cluster event lacks '" + field + "'");
    }
    return value;
  }

  private static String text(Map<String, RawJson> fields, String field) {
    RawJson value = required(fields, field);
    if (!value.isString()) {
      throw new IllegalArgumentException("cluster event field '" + field + "' is not a string");
    }
    return value.stringValue();
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
