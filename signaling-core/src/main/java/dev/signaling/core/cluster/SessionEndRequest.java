package dev.signaling.core.cluster;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request, from the node a client reconnected to, that the node holding the client's dropped
 * session end it (see {@link RoomBackend#endSession}): the client presented the session's resume
 * token on a node that does not hold it, so it starts over there, and its old session must not
 * keep its place in the room meanwhile.
 *
 * @param tokenDigest the SHA-256 digest of the resume token's UTF-8 bytes, 64 lower-case hex
 *     digits: the token itself never leaves the node it was presented to
 * @param subject the authenticated subject of the connection that presented the token, or null
 *     when it has none (no authenticator); with authentication, the holder ends only a session
 *     of the same subject, as a resume requires
 */
public record SessionEndRequest(String tokenDigest, String subject) {
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  public SessionEndRequest {
    Objects.requireNonNull(tokenDigest, "tokenDigest");
    if (!DIGEST.matcher(tokenDigest).matches()) {
      throw new IllegalArgumentException("tokenDigest must be 64 lower-case hex digits (SHA-256)");
    }
  }
}
