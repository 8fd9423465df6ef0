package dev.signaling.core;

import java.nio.charset.StandardCharsets;

/** A validated room name. Rooms exist only while they have members. */
public record Room(String name) {

  /**
   * Validates a room name as a client sent it.
   *
   * @throws SignalingException with {@link ErrorCode#INVALID_ROOM} when the name is empty, longer
   *     than {@code maxBytes} bytes of UTF-8, or holds control characters
   */
  public static Room of(String name, int maxBytes) {
    if (name == null || name.isEmpty()) {
      throw new SignalingException(ErrorCode.INVALID_ROOM, "room name must not be empty");
    }
    // Cheap bound first: a UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (name.length() > maxBytes || name.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new SignalingException(
          ErrorCode.INVALID_ROOM, "room name must be at most " + maxBytes + " bytes of UTF-8");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new SignalingException(
            ErrorCode.INVALID_ROOM, "room name must not hold control characters (at index " + i + ")");
      }
    }
    return new Room(name);
  }
}
