package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Answers a client event that asked for an acknowledgement. Call it at most once. */
@FunctionalInterface
public interface Ack {
  void reply(List<JsonNode> args);
}
