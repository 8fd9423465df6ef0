package dev.signaling.core.cluster;

import dev.signaling.core.ServerEvent;

/**
 * The peers connected to this node, as a {@link RoomBackend} sees them. Implemented by the
 * engine.
 */
public interface LocalPeers {

  /**
   * Hands {@code event} to the local peer {@code peerId}. Returns false when no such peer is
   * connected here (it left meanwhile). Never blocks.
   */
  boolean deliver(String peerId, ServerEvent event);
}
