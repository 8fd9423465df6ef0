package dev.signaling.core.cluster;

import dev.signaling.core.ServerEvent;
import java.util.Objects;

/**
 * An event for members of one room: every member but {@code exceptPeerId}, or only {@code
 * targetPeerId} when it is not null (and a member).
 */
public record RoomDelivery(String room, String targetPeerId, String exceptPeerId, ServerEvent event) {
  public RoomDelivery {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(event, "event");
  }

  public static RoomDelivery toAllBut(String room, String exceptPeerId, ServerEvent event) {
    return new RoomDelivery(room, null, exceptPeerId, event);
  }

  public static RoomDelivery toMember(String room, String targetPeerId, ServerEvent event) {
    return new RoomDelivery(room, Objects.requireNonNull(targetPeerId, "targetPeerId"), null, event);
  }

  /** Whether {@code peerId}, a member of the room, is a recipient. */
  public boolean isFor(String peerId) {
    return targetPeerId != null ? targetPeerId.equals(peerId) : !peerId.equals(exceptPeerId);
  }
}
