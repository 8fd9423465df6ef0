package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Handles an application event registered with {@link SignalingEngine.Builder#on}. Users extend
 * signaling this way (presence, mute, chat...) on every wire protocol at once.
 *
 * <p>Called on the thread that delivered the peer's event, never concurrently for one peer. Must
 * not block: transports may call it on an I/O thread.
 */
@FunctionalInterface
public interface EventHandler {

  /**
   * @param peer the sender
   * @param args the event's arguments
   * @param ack the acknowledgement to answer, or null when the client asked for none
   */
  void handle(Peer peer, List<JsonNode> args, Ack ack);
}
