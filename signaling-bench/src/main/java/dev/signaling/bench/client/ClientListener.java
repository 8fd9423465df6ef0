package dev.signaling.bench.client;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** What a scenario hears from one connection; called on the connection's event-loop thread. */
public interface ClientListener {

  /** A relayed {@code message}; {@code frame} is the whole text frame (payload unparsed, for speed). */
  void onMessage(BenchClient client, String frame);

  /** Any other server event, arguments parsed. */
  void onEvent(BenchClient client, String name, ArrayNode args);

  /** The connection ended. */
  default void onClosed(BenchClient client) {}
}
