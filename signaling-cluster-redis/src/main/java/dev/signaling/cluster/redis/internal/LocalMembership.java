package dev.signaling.cluster.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's own view of which of its peers are in which room: what it delivers to locally,
 * and what it re-asserts in Redis when Redis may have lost or kept stale state. A join is
 * pending from the moment it is sent until Redis answers, so that a reconciliation running
 * meanwhile neither drops it nor re-adds it. Thread-safe; reads never lock.
 */
public final class LocalMembership {

  /** A confirmed member, as reconciliation re-asserts it. */
  public record Member(String room, String peerId, int capacity) {}

  /** Confirmed members, and the index entries of joins in flight. */
  public record Snapshot(List<Member> confirmed, List<String> pendingEntries) {}

  private record State(int capacity, boolean confirmed) {}

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, State>> rooms =
      new ConcurrentHashMap<>();

  public void addPending(String room, String peerId, int capacity) {
    rooms.computeIfAbsent(room, r -> new ConcurrentHashMap<>())
        .put(peerId, new State(capacity, false));
  }

  public void confirm(String room, String peerId) {
    rooms.computeIfPresent(room, (r, members) -> {
      members.computeIfPresent(peerId, (p, state) -> new State(state.capacity(), true));
      return members;
    });
  }

  /** Forgets a member; a room left without local members is forgotten too. */
  public void remove(String room, String peerId) {
    rooms.computeIfPresent(room, (r, members) -> {
      members.remove(peerId);
      return members.isEmpty() ? null : members;
    });
  }

  public boolean contains(String room, String peerId) {
    Map<String, State> members = rooms.get(room);
    return members != null && members.containsKey(peerId);
  }

  /** The local members of {@code room}, pending or confirmed. */
  public List<String> members(String room) {
    Map<String, State> members = rooms.get(room);
    return members == null ? List.of() : List.copyOf(members.keySet());
  }

  public Snapshot snapshot() {
    List<Member> confirmed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    rooms.forEach((room, members) -> members.forEach((peerId, state) -> {
      if (state.confirmed()) {
        confirmed.add(new Member(room, peerId, state.capacity()));
      } else {
        pending.add(entry(room, peerId));
      }
    }));
    return new Snapshot(confirmed, pending);
  }

  public void clear() {
    rooms.clear();
  }

  /** A member as the node index in Redis spells it; must match {@code entry} in common.lua. */
  public static String entry(String room, String peerId) {
    return peerId.getBytes(StandardCharsets.UTF_8).length + ":" + peerId + room;
  }
}
