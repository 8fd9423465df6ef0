package dev.signaling.transport.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.Ack;
import java.util.List;

/**
 * Receives one socket's events in one namespace. {@link #onEvent} calls are made one at a time in
 * arrival order, possibly on an I/O thread (they must not block). {@link #onDisconnect} comes
 * last, exactly once.
 */
public interface NamespaceListener {

  /**
   * @param ack answers the client's acknowledgement callback (at most once), or null when the
   *     client asked for none
   */
  void onEvent(String event, List<JsonNode> args, Ack ack);

  /** The socket left the namespace; {@code reason} is for logs. */
  void onDisconnect(String reason);
}
