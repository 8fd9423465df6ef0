package dev.signaling.core.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The cluster seam: the one owner of room membership, and the delivery of events to room members
 * wherever they are connected. {@link InMemoryRoomBackend} serves one node; a cluster backend
 * (Redis) serves many nodes sharing rooms. Transports and protocols never see it.
 *
 * <p>Contract, which every implementation's tests check (see the contract test suite):
 *
 * <ul>
 *   <li>{@link #join} is atomic: under any number of concurrent joins of one room, exactly one
 *       caller gets CREATED, at most capacity−1 get JOINED, all others FULL.
 *   <li>{@link #leave} frees the slot at once; a room left empty is forgotten.
 *   <li>{@link #deliver} delivers each event at most once per recipient, and in the order the
 *       events were passed to it by one thread for one recipient. Recipients are the room's
 *       members at delivery time; the sender's own node calls {@link LocalPeers#deliver} for its
 *       local members.
 *   <li>Returned stages may complete on any thread; no method blocks on I/O.
 * </ul>
 */
public interface RoomBackend extends AutoCloseable {

  /** Called once by the engine before any other method: where events for local peers go. */
  void start(LocalPeers localPeers);

  /** Adds {@code peerId} to {@code room} unless the room holds {@code capacity} peers already. */
  CompletionStage<JoinResult> join(String room, String peerId, int capacity);

  /**
   * Removes {@code peerId} from {@code room}; completes with the members that remain (empty if
   * the peer was not a member, or the room is now gone).
   */
  CompletionStage<List<String>> leave(String room, String peerId);

  /** Delivers an event to members of a room. Never blocks; returns at once. */
  void deliver(RoomDelivery delivery);

  /**
   * Ends the resumable session {@code request} names on whichever other node holds it: a client
   * presented its resume token here, where no such session lives (in a cluster without sticky
   * sessions, its connection landed on another node), so it gets {@code resume-failed} and starts
   * over; its old session must not keep its place in the room meanwhile. The holder ends the
   * session only while it is detached, and, with authentication, only for the same subject (see
   * {@link SessionEndResult}); it does so through its own {@link LocalPeers#endSession}.
   *
   * <p>Completes with the holder's answer once it has acted (for {@link SessionEndResult#ENDED}:
   * the old peer has left its room and its partners were sent {@code bye}), or with {@link
   * SessionEndResult#NOT_FOUND} when no node holds it; always within a short bound (a node that
   * does not answer counts as not holding it). Never fails; never blocks. A single-node backend
   * answers {@code NOT_FOUND} at once (the engine has looked among its own sessions already):
   * that is this default.
   */
  default CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
    return CompletableFuture.completedStage(SessionEndResult.NOT_FOUND);
  }

  /** Number of rooms this backend knows of (all nodes' rooms for a shared backend). */
  long roomCount();

  /**
   * Whether the backend can serve now, as of its last contact with its store; never blocks (a
   * remote backend answers from its heartbeat). In-process backends are always reachable.
   */
  default BackendHealth health() {
    return BackendHealth.LOCAL;
  }

  /** Stops the backend; local membership it held is dropped. */
  @Override
  void close();
}
