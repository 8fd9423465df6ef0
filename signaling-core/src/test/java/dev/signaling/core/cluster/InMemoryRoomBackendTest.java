package dev.signaling.core.cluster;

import java.util.List;

/** The in-memory backend serves one node, so every "node" of the contract is the same backend. */
class InMemoryRoomBackendTest extends RoomBackendContract {
  private final InMemoryRoomBackend shared = new InMemoryRoomBackend();

  @Override
  protected List<RoomBackend> nodes(int count) {
    return List.of(shared);
  }

  @Override
  protected int maxNodes() {
    return 1;
  }
}
