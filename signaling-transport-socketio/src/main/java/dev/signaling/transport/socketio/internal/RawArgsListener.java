package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Ack;
import dev.signaling.core.RawJson;
import dev.signaling.transport.socketio.NamespaceListener;
import java.util.List;

/**
 * A {@link NamespaceListener} that takes an event's arguments as JSON text: the codec then
 * captures them while it streams through the packet instead of building a tree (the signaling
 * namespace relays payloads without looking into them). Packets with binary attachments still
 * arrive as trees, through {@link #onEvent}. The same calling rules apply to both methods.
 */
interface RawArgsListener extends NamespaceListener {

  void onRawEvent(String event, List<RawJson> args, Ack ack);
}
