package dev.signaling.core.cluster;

import java.util.List;
import java.util.Objects;

/**
 * Whether a {@link RoomBackend} can serve room operations now, as its last contact with its store
 * showed; for readiness probes and admin tools.
 *
 * @param reachable whether the backend's store answered at its last check (always true in memory)
 * @param detail what the check found, for humans, e.g. "in contact with Redis" or the last error
 * @param clusterNodes the ids of the nodes sharing the rooms, as of the last check; empty for a
 *     single-node backend
 */
public record BackendHealth(boolean reachable, String detail, List<String> clusterNodes) {

  /** A backend in this process: always reachable, no cluster. */
  public static final BackendHealth LOCAL = new BackendHealth(true, "rooms in this process", List.of());

  public BackendHealth {
    Objects.requireNonNull(detail, "detail");
    clusterNodes = List.copyOf(clusterNodes);
  }
}
