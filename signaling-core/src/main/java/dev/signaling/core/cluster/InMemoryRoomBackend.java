package dev.signaling.core.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room membership for a single node, in memory. Each room's member list is immutable and
 * replaced atomically by {@link ConcurrentHashMap#compute}, so a join's capacity check and the
 * join itself are one step, and delivery reads members without locking.
 */
public final class InMemoryRoomBackend implements RoomBackend {
  private final ConcurrentHashMap<String, List<String>> rooms = new ConcurrentHashMap<>();
  private volatile LocalPeers localPeers;

  @Override
  public void start(LocalPeers localPeers) {
    this.localPeers = localPeers;
  }

  @Override
  public CompletionStage<JoinResult> join(String room, String peerId, int capacity) {
    JoinResult[] result = new JoinResult[1];
    rooms.compute(room, (name, members) -> {
      if (members == null) {
        result[0] = JoinResult.created();
        return List.of(peerId);
      }
      if (members.contains(peerId)) {
        List<String> others = new ArrayList<>(members);
        others.remove(peerId);
        result[0] = new JoinResult(JoinResult.Outcome.JOINED, others);
        return members;
      }
      if (members.size() >= capacity) {
        result[0] = new JoinResult(JoinResult.Outcome.FULL, members);
        return members;
      }
      result[0] = new JoinResult(JoinResult.Outcome.JOINED, members);
      List<String> grown = new ArrayList<>(members.size() + 1);
      grown.addAll(members);
      grown.add(peerId);
      return List.copyOf(grown);
    });
    return CompletableFuture.completedFuture(result[0]);
  }

  @Override
  public CompletionStage<List<String>> leave(String room, String peerId) {
    @SuppressWarnings("unchecked")
    List<String>[] remaining = new List[] {List.of()};
    rooms.computeIfPresent(room, (name, members) -> {
      if (!members.contains(peerId)) {
        return members;
      }
      List<String> shrunk = new ArrayList<>(members);
      shrunk.remove(peerId);
      remaining[0] = List.copyOf(shrunk);
      return shrunk.isEmpty() ? null : remaining[0];
    });
    return CompletableFuture.completedFuture(remaining[0]);
  }

  @Override
  public void deliver(RoomDelivery delivery) {
    List<String> members = rooms.get(delivery.room());
    if (members == null) {
      return;
    }
    LocalPeers peers = localPeers;
    for (String member : members) {
      if (delivery.isFor(member)) {
        peers.deliver(member, delivery.event());
      }
    }
  }

  @Override
  public long roomCount() {
    return rooms.size();
  }

  /** The members of {@code room}, oldest first; empty when the room does not exist. */
  public List<String> members(String room) {
    return rooms.getOrDefault(room, List.of());
  }

  @Override
  public void close() {
    rooms.clear();
  }
}
