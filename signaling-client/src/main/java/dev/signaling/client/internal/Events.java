package dev.signaling.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.client.SignalingEvent;
import java.util.ArrayList;
import java.util.List;

/** Turns the server's frames (docs/PROTOCOL.md) into typed events. Stateless. */
public final class Events {
  private Events() {}

  /** The typed event for {@code name} with {@code args}. */
  public static SignalingEvent of(String name, JsonNode args) {
    return switch (name) {
      case "created" -> new SignalingEvent.Created(text(args, 0), text(args, 1));
      case "join" -> new SignalingEvent.Join(text(args, 0), text(args, 1));
      case "joined" -> new SignalingEvent.Joined(text(args, 0), text(args, 1));
      case "ready" -> new SignalingEvent.Ready(text(args, 0));
      case "full" -> new SignalingEvent.Full(text(args, 0));
      case "bye" -> new SignalingEvent.Bye(text(args, 0), text(args, 1));
      case "peer-disconnected" -> new SignalingEvent.PeerDisconnected(text(args, 0), text(args, 1));
      case "peer-reconnected" -> new SignalingEvent.PeerReconnected(text(args, 0), text(args, 1));
      case "message" -> new SignalingEvent.Message(args.path(0), text(args, 1));
      case "log" -> {
        List<String> lines = new ArrayList<>();
        args.path(0).forEach(line -> lines.add(line.asText()));
        yield new SignalingEvent.Log(lines);
      }
      case "error" -> new SignalingEvent.Error(args.path(0).path("code").asText(), args.path(0).path("message").asText());
      default -> new SignalingEvent.Custom(name, list(args));
    };
  }

  /** The elements of a JSON array (empty for anything else). */
  public static List<JsonNode> list(JsonNode args) {
    List<JsonNode> values = new ArrayList<>(args.size());
    args.forEach(values::add);
    return values;
  }

  private static String text(JsonNode args, int index) {
    JsonNode value = args.path(index);
    return value.isTextual() ? value.textValue() : null;
  }
}
