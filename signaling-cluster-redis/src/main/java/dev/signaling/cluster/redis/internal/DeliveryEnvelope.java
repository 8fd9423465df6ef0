package dev.signaling.cluster.redis.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.cluster.RoomDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link RoomDelivery} as it travels between nodes:
 * {@code {"room":..., "target":...|"except":..., "event":{...}}}. The event is in
 * {@link ServerEventJson} form. Written and read in one streaming pass each: a relay payload
 * goes from the event's text into the envelope's and back out unparsed.
 */
public final class DeliveryEnvelope {
  /** Nodes trust each other's envelopes; this only bounds the parser's stack (Jackson's default). */
  private static final int MAX_NESTING_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  private final ObjectMapper mapper = new ObjectMapper();

  public String encode(RoomDelivery delivery) {
    SegmentedStringWriter out = new SegmentedStringWriter(mapper.getFactory()._getBufferRecycler());
    try (JsonGenerator json = mapper.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("room", delivery.room());
      if (delivery.targetPeerId() != null) {
        json.writeStringField("target", delivery.targetPeerId());
      } else if (delivery.exceptPeerId() != null) {
        json.writeStringField("except", delivery.exceptPeerId());
      }
      json.writeFieldName("event");
      ServerEventJson.write(json, delivery.event());
      json.writeEndObject();
      json.flush();
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a cluster envelope", e);
    }
  }

  /** Throws IllegalArgumentException when {@code json} is not an envelope. */
  public RoomDelivery decode(String json) {
    try (RawJson.Reader reader = RawJson.reader(json, MAX_NESTING_DEPTH)) {
      JsonParser parser = reader.parser();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("cluster envelope lacks room or event");
      }
      String room = null;
      String target = null;
      String except = null;
      ServerEvent event = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "room" -> room = token == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "target" -> target = textOrNull(parser, token);
          case "except" -> except = textOrNull(parser, token);
          case "event" -> event = ServerEventJson.read(reader);
          default -> { }
        }
        parser.skipChildren();
      }
      if (room == null || event == null) {
        throw new IllegalArgumentException("cluster envelope lacks room or event");
      }
      return new RoomDelivery(room, target, except, event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cluster envelope is not JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String cannot fail to be read
    }
  }

  private static String textOrNull(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NULL || !token.isScalarValue() ? null : parser.getText();
  }
}
