package dev.signaling.core.cluster;

import dev.signaling.core.ServerEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /**
   * Ends the local resumable session {@code request} names, for a client that presented its
   * token on another node (see {@link RoomBackend#endSession}): only while it is detached, and,
   * when this node authenticates, only for the request's subject. Completes once its peer has
   * left its room (the others were sent {@code bye}); never fails, never blocks. By default
   * (peers that are never resumable) {@code NOT_FOUND}.
   */
  default CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
    return CompletableFuture.completedStage(SessionEndResult.NOT_FOUND);
  }
}
