package dev.signaling.core.cluster;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * In-memory rooms that tests bend by overriding one operation (a join that fails, or completes
 * later); everything else goes to an {@link InMemoryRoomBackend}.
 */
public class ForwardingRoomBackend implements RoomBackend {
  protected final InMemoryRoomBackend rooms = new InMemoryRoomBackend();

  @Override
  public void start(LocalPeers localPeers) {
    rooms.start(localPeers);
  }

  @Override
  public CompletionStage<JoinResult> join(String room, String peerId, int capacity) {
    return rooms.join(room, peerId, capacity);
  }

  @Override
  public CompletionStage<List<String>> leave(String room, String peerId) {
    return rooms.leave(room, peerId);
  }

  @Override
  public void deliver(RoomDelivery delivery) {
    rooms.deliver(delivery);
  }

  @Override
  public long roomCount() {
    return rooms.roomCount();
  }

  @Override
  public void close() {
    rooms.close();
  }
}
