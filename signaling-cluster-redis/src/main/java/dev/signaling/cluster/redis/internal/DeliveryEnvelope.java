package dev.signaling.cluster.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.cluster.RoomDelivery;

/**
 * A {@link RoomDelivery} as it travels between nodes:
 * {@code {"room":..., "target":...|"except":..., "event":{...}}}. The event is in
 * {@link ServerEventJson} form.
 */
public final class DeliveryEnvelope {
  private final ObjectMapper mapper = new ObjectMapper();

  public String encode(RoomDelivery delivery) {
    ObjectNode node = mapper.createObjectNode();
    node.put("room", delivery.room());
    if (delivery.targetPeerId() != null) {
      node.put("target", delivery.targetPeerId());
    } else if (delivery.exceptPeerId() != null) {
      node.put("except", delivery.exceptPeerId());
    }
    node.set("event", ServerEventJson.encode(delivery.event()));
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a tree of JSON values", e);
    }
  }

  /** Throws IllegalArgumentException when {@code json} is not an envelope. */
  public RoomDelivery decode(String json) {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cluster envelope is not JSON", e);
    }
    if (node == null || !node.isObject() || !node.path("room").isTextual() || !node.has("event")) {
      throw new IllegalArgumentException("cluster envelope lacks room or event");
    }
    return new RoomDelivery(node.get("room").asText(), textOrNull(node, "target"),
        textOrNull(node, "except"), ServerEventJson.decode(node.get("event")));
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
