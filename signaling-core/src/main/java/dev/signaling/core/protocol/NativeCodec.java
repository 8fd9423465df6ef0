package dev.signaling.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The native wire protocol (docs/PROTOCOL.md): each text frame is one JSON object {@code
 * {"event": <string>, "args": <array>}}, optionally with {@code "id": <integer>} on a client
 * event that asks for an acknowledgement. Thread-safe and stateless.
 */
public final class NativeCodec {
  /** Deepest JSON nesting accepted in a frame; signaling payloads are shallow. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

  private final ObjectMapper mapper;
  private final JsonFactory factory;

  public NativeCodec() {
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
        .build();
    this.mapper = new ObjectMapper(factory);
  }

  /**
   * Decodes one frame.
   *
   * @param replies where an acknowledgement of this event is sent, if the client asked for one
   * @throws SignalingException with {@link ErrorCode#INVALID_JSON} or {@link
   *     ErrorCode#INVALID_EVENT} when the frame is not a valid event
   */
  public ClientEvent decode(String frame, Consumer<ServerEvent> replies) {
    JsonNode root;
    try {
      root = mapper.readTree(frame);
    } catch (JsonProcessingException e) {
      throw new SignalingException(ErrorCode.INVALID_JSON, "frame is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "frame must be a JSON object");
    }
    JsonNode eventNode = root.get("event");
    if (eventNode == null || !eventNode.isTextual()) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'event' must be a string");
    }
    String event = eventNode.textValue();
    JsonNode argsNode = root.get("args");
    if (argsNode != null && !argsNode.isArray()) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'args' must be an array");
    }
    ArrayNode args = argsNode == null ? mapper.createArrayNode() : (ArrayNode) argsNode;
    return switch (event) {
      case "create or join" -> new ClientEvent.CreateOrJoin(stringArg(event, args, 0, "room"));
      case "bye" -> new ClientEvent.Bye(stringArg(event, args, 0, "room"));
      case "message" -> {
        if (args.isEmpty()) {
          throw new SignalingException(ErrorCode.INVALID_EVENT, "'message' needs a payload argument");
        }
        JsonNode target = args.get(1);
        if (target != null && !target.isNull() && !target.isTextual()) {
          throw new SignalingException(ErrorCode.INVALID_EVENT, "'message' target peer id must be a string");
        }
        yield new ClientEvent.Message(args.get(0), target == null || target.isNull() ? null : target.textValue());
      }
      case "ipaddr" -> new ClientEvent.IpAddr();
      default -> {
        List<JsonNode> values = new ArrayList<>(args.size());
        args.forEach(values::add);
        JsonNode id = root.get("id");
        if (id != null && !id.isIntegralNumber()) {
          throw new SignalingException(ErrorCode.INVALID_EVENT, "field 'id' must be an integer");
        }
        yield new ClientEvent.Custom(event, values,
            id == null ? null : reply -> replies.accept(new ServerEvent.AckReply(id.longValue(), reply)));
      }
    };
  }

  private static String stringArg(String event, ArrayNode args, int index, String what) {
    JsonNode node = args.get(index);
    if (node == null || !node.isTextual()) {
      throw new SignalingException(ErrorCode.INVALID_EVENT, "'" + event + "' needs a string " + what + " argument");
    }
    return node.textValue();
  }

  /** Encodes one server event as a frame. */
  public String encode(ServerEvent event) {
    String roomEvent = encodeRoomEvent(event);
    return roomEvent != null ? roomEvent : encodeWithGenerator(event);
  }

  /**
   * The room events (a filled room of two sends five: created, join, joined, ready twice) carry
   * one or two strings: their frames are built directly, quoted by Jackson's own string encoder,
   * into the same text {@link #encodeWithGenerator} writes, without a generator per event.
   * Null for every other event.
   */
  private static String encodeRoomEvent(ServerEvent event) {
    if (event instanceof ServerEvent.Created e) {
      return roomEvent("created", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Join e) {
      return roomEvent("join", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Joined e) {
      return roomEvent("joined", e.room(), e.peerId());
    } else if (event instanceof ServerEvent.Ready e) {
      return roomEvent("ready", e.room(), null);
    } else if (event instanceof ServerEvent.Full e) {
      return roomEvent("full", e.room(), null);
    } else if (event instanceof ServerEvent.Bye e) {
      return roomEvent("bye", e.room(), e.peerId());
    }
    return null;
  }

  private static String roomEvent(String name, String room, String peerId) {
    StringBuilder json = new StringBuilder(
        24 + name.length() + room.length() + (peerId == null ? 0 : 3 + peerId.length()));
    json.append("{\"event\":\"").append(name).append("\",\"args\":[\"");
    QUOTER.quoteAsString(room, json);
    if (peerId != null) {
      json.append("\",\"");
      QUOTER.quoteAsString(peerId, json);
    }
    return json.append("\"]}").toString();
  }

  /** Encodes any server event with a Jackson generator. */
  String encodeWithGenerator(ServerEvent event) {
    SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.setCodec(mapper);
      json.writeStartObject();
      json.writeStringField("event", event.name());
      json.writeArrayFieldStart("args");
      writeArgs(json, event);
      json.writeEndArray();
      if (event instanceof ServerEvent.AckReply ack) {
        json.writeNumberField("id", ack.ackId());
      }
      json.writeEndObject();
      json.flush();
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeArgs(JsonGenerator json, ServerEvent event) throws IOException {
    if (event instanceof ServerEvent.Message m) {
      json.writeTree(m.payload());
      json.writeString(m.fromPeerId());
    } else if (event instanceof ServerEvent.Created e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Join e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Joined e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Ready e) {
      json.writeString(e.room());
    } else if (event instanceof ServerEvent.Full e) {
      json.writeString(e.room());
    } else if (event instanceof ServerEvent.Bye e) {
      json.writeString(e.room());
      json.writeString(e.peerId());
    } else if (event instanceof ServerEvent.Log e) {
      json.writeStartArray();
      for (String line : e.lines()) {
        json.writeString(line);
      }
      json.writeEndArray();
    } else if (event instanceof ServerEvent.IpAddr e) {
      json.writeString(e.address());
    } else if (event instanceof ServerEvent.Error e) {
      json.writeStartObject();
      json.writeStringField("code", e.code().wireCode());
      json.writeStringField("message", e.message());
      json.writeEndObject();
    } else if (event instanceof ServerEvent.Custom e) {
      for (JsonNode arg : e.args()) {
        json.writeTree(arg);
      }
    } else if (event instanceof ServerEvent.AckReply e) {
      for (JsonNode arg : e.args()) {
        json.writeTree(arg);
      }
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
  }
}
