package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Encodes and decodes Socket.IO v5 packets: {@code <type>[<attachments>-][<namespace>,][<ackId>][<json>]}.
 * Binary attachments travel as separate binary messages and stand in the JSON as {@code
 * {"_placeholder":true,"num":n}}; in the decoded tree they are {@link BinaryNode}s. Stateless.
 */
final class SocketIoPacketCodec {
  private static final int MAX_NAMESPACE_LENGTH = 256;
  private static final int MAX_ACK_ID_DIGITS = 15; // ids stay exact in a JavaScript number

  private final ObjectMapper mapper;
  private final int maxAttachments;
  private final int maxNestingDepth;

  SocketIoPacketCodec(int maxAttachments, int maxNestingDepth) {
    this.maxAttachments = maxAttachments;
    this.maxNestingDepth = maxNestingDepth;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
        .build();
    this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Decodes a packet's text into a tree; binary packets still hold placeholders (see {@link #attach}). */
  SocketIoPacket decode(String text) throws MalformedPacketException {
    return decode(text, 0, namespace -> false);
  }

  /**
   * Decodes the packet that starts at {@code from} in {@code text}. An EVENT (no attachments) for
   * a namespace {@code rawEventsIn} accepts is decoded in one streaming pass into its name and
   * its arguments' JSON text ({@link SocketIoPacket#rawEvent()}), validated but never made a
   * tree; anything else as by {@link #decode(String)}.
   */
  SocketIoPacket decode(String text, int from, Predicate<String> rawEventsIn) throws MalformedPacketException {
    if (text.length() <= from) {
      throw new MalformedPacketException("empty packet");
    }
    int type = text.charAt(from) - '0';
    if (type < SocketIoPacket.CONNECT || type > SocketIoPacket.BINARY_ACK) {
      throw new MalformedPacketException("unknown packet type");
    }
    int i = from + 1;
    int attachments = 0;
    if (type == SocketIoPacket.BINARY_EVENT || type == SocketIoPacket.BINARY_ACK) {
      int dash = text.indexOf('-', i);
      if (dash < 0 || dash == i || dash - i > 4 || !digits(text, i, dash)) {
        throw new MalformedPacketException("bad attachment count");
      }
      attachments = Integer.parseInt(text, i, dash, 10);
      if (attachments > maxAttachments) {
        throw new MalformedPacketException("too many attachments: " + attachments + " > " + maxAttachments);
      }
      i = dash + 1;
    }
    String namespace = SocketIoPacket.MAIN_NAMESPACE;
    if (i < text.length() && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      int end = comma < 0 ? text.length() : comma;
      if (end - i > MAX_NAMESPACE_LENGTH) {
        throw new MalformedPacketException("namespace too long");
      }
      namespace = text.substring(i, end);
      i = comma < 0 ? end : comma + 1;
    }
    int idStart = i;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    if (i - idStart > MAX_ACK_ID_DIGITS) {
      throw new MalformedPacketException("ack id too long");
    }
    Long ackId = i > idStart ? Long.parseLong(text, idStart, i, 10) : null;
    JsonNode data = null;
    if (i < text.length()) {
      if (type == SocketIoPacket.EVENT && rawEventsIn.test(namespace)) {
        return new SocketIoPacket(type, namespace, ackId, null, 0, rawEvent(text, i));
      }
      try {
        data = mapper.readTree(text.substring(i));
      } catch (JsonProcessingException e) {
        throw new MalformedPacketException("payload is not JSON (or nested too deeply)");
      }
    }
    SocketIoPacket packet = new SocketIoPacket(type, namespace, ackId, data, attachments, null);
    validate(packet);
    return packet;
  }

  private SocketIoPacket.RawEvent rawEvent(String text, int from) throws MalformedPacketException {
    try (RawJson.Reader reader = RawJson.reader(text, from, maxNestingDepth)) {
      JsonParser json = reader.parser();
      if (json.nextToken() != JsonToken.START_ARRAY || json.nextToken() != JsonToken.VALUE_STRING) {
        throw new MalformedPacketException("EVENT payload must be an array starting with the event name");
      }
      String name = json.getText();
      List<RawJson> args = new ArrayList<>(2);
      while (json.nextToken() != JsonToken.END_ARRAY) {
        args.add(reader.capture());
      }
      if (json.nextToken() != null) {
        throw new MalformedPacketException("payload is not JSON (or nested too deeply)");
      }
      return new SocketIoPacket.RawEvent(name, args);
    } catch (JsonProcessingException e) {
      throw new MalformedPacketException("payload is not JSON (or nested too deeply)");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String cannot fail to be read
    }
  }

  private static void validate(SocketIoPacket packet) throws MalformedPacketException {
    JsonNode data = packet.data();
    switch (packet.type()) {
      case SocketIoPacket.CONNECT -> {
        if (data != null && !data.isObject()) {
          throw new MalformedPacketException("CONNECT payload must be an object");
        }
      }
      case SocketIoPacket.DISCONNECT -> {
        if (data != null) {
          throw new MalformedPacketException("DISCONNECT carries no payload");
        }
      }
      case SocketIoPacket.EVENT, SocketIoPacket.BINARY_EVENT -> {
        if (data == null || !data.isArray() || data.isEmpty() || !data.get(0).isTextual()) {
          throw new MalformedPacketException("EVENT payload must be an array starting with the event name");
        }
      }
      case SocketIoPacket.ACK, SocketIoPacket.BINARY_ACK -> {
        if (data == null || !data.isArray() || packet.ackId() == null) {
          throw new MalformedPacketException("ACK needs an id and an array payload");
        }
      }
      default -> throw new MalformedPacketException("clients do not send CONNECT_ERROR");
    }
  }

  /** Replaces a binary packet's placeholders with its attachments. */
  SocketIoPacket attach(SocketIoPacket packet, List<byte[]> attachments) throws MalformedPacketException {
    return packet.withData(replacePlaceholders(packet.data(), attachments));
  }

  private JsonNode replacePlaceholders(JsonNode node, List<byte[]> attachments) throws MalformedPacketException {
    if (node.isObject()) {
      JsonNode marker = node.get("_placeholder");
      if (marker != null && marker.isBoolean() && marker.booleanValue()) {
        JsonNode num = node.get("num");
        if (num == null || !num.canConvertToInt() || num.intValue() < 0 || num.intValue() >= attachments.size()) {
          throw new MalformedPacketException("placeholder refers to no attachment");
        }
        return BinaryNode.valueOf(attachments.get(num.intValue()));
      }
      ObjectNode copy = mapper.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), replacePlaceholders(field.getValue(), attachments));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = mapper.createArrayNode();
      for (JsonNode element : node) {
        copy.add(replacePlaceholders(element, attachments));
      }
      return copy;
    }
    return node;
  }

  /** A packet ready to send: its text and the binary messages that follow it. */
  record Encoded(String text, List<byte[]> attachments) {}

  /** Encodes an EVENT (or BINARY_EVENT when {@code data} holds binary). */
  Encoded event(String namespace, ArrayNode data) {
    return encode(SocketIoPacket.EVENT, namespace, null, data);
  }

  /**
   * What precedes an EVENT's data in {@code namespace} when the packet has no id and no binary:
   * {@code 2} or {@code 2/name,}. Whoever writes the data as JSON text itself (the signaling
   * namespace) writes the packet in one piece behind this, and sends it with {@link #text}.
   */
  String eventPrefix(String namespace) {
    return namespace.equals(SocketIoPacket.MAIN_NAMESPACE)
        ? String.valueOf(SocketIoPacket.EVENT)
        : SocketIoPacket.EVENT + namespace + ',';
  }

  /** A packet already written as text, without attachments. */
  Encoded text(String packet) {
    return new Encoded(packet, List.of());
  }

  /** Encodes an ACK (or BINARY_ACK). */
  Encoded ack(String namespace, long ackId, ArrayNode data) {
    return encode(SocketIoPacket.ACK, namespace, ackId, data);
  }

  Encoded connected(String namespace, String socketId) {
    return connected(namespace, socketId, null);
  }

  /** The CONNECT answer; with {@code pid} (connection state recovery) when not null. */
  Encoded connected(String namespace, String socketId, String pid) {
    ObjectNode data = mapper.createObjectNode().put("sid", socketId);
    if (pid != null) {
      data.put("pid", pid);
    }
    return encode(SocketIoPacket.CONNECT, namespace, null, data);
  }

  Encoded connectError(String namespace, String message, JsonNode detail) {
    ObjectNode data = mapper.createObjectNode().put("message", message);
    if (detail != null) {
      data.set("data", detail);
    }
    return encode(SocketIoPacket.CONNECT_ERROR, namespace, null, data);
  }

  Encoded disconnect(String namespace) {
    return encode(SocketIoPacket.DISCONNECT, namespace, null, null);
  }

  private Encoded encode(int type, String namespace, Long ackId, JsonNode data) {
    List<byte[]> attachments = new ArrayList<>();
    JsonNode body = data == null ? null : extractBinaries(data, attachments);
    StringBuilder text = new StringBuilder();
    if (attachments.isEmpty()) {
      text.append(type);
    } else {
      text.append(type == SocketIoPacket.ACK ? SocketIoPacket.BINARY_ACK : SocketIoPacket.BINARY_EVENT)
          .append(attachments.size()).append('-');
    }
    if (!namespace.equals(SocketIoPacket.MAIN_NAMESPACE)) {
      text.append(namespace).append(',');
    }
    if (ackId != null) {
      text.append(ackId.longValue());
    }
    if (body != null) {
      try {
        text.append(mapper.writeValueAsString(body));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree failed to serialize", e);
      }
    }
    return new Encoded(text.toString(), attachments);
  }

  private JsonNode extractBinaries(JsonNode node, List<byte[]> attachments) {
    if (node.isBinary()) {
      ObjectNode placeholder = JsonNodeFactory.instance.objectNode()
          .put("_placeholder", true)
          .put("num", attachments.size());
      attachments.add(((BinaryNode) node).binaryValue());
      return placeholder;
    }
    if (node.isObject()) {
      if (!RawJson.containsBinary(node)) {
        return node;
      }
      ObjectNode copy = mapper.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), extractBinaries(field.getValue(), attachments));
      }
      return copy;
    }
    if (node.isArray()) {
      if (!RawJson.containsBinary(node)) {
        return node;
      }
      ArrayNode copy = mapper.createArrayNode();
      for (JsonNode element : node) {
        copy.add(extractBinaries(element, attachments));
      }
      return copy;
    }
    return node;
  }

  ObjectNode emptyObject() {
    return mapper.createObjectNode();
  }

  ArrayNode array() {
    return mapper.createArrayNode();
  }

  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
