package dev.signaling.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's ask to continue a dropped session: the session's resume token and the last
 * server event sequence number the client received (0 when it received none).
 */
public record ResumeRequest(String token, long lastSeq) {
  /** Query parameter of the native protocol carrying the token. */
  public static final String TOKEN_PARAMETER = "resume";
  /** Query parameter of the native protocol carrying the last server seq the client received. */
  public static final String SEQ_PARAMETER = "seq";

  public ResumeRequest {
    Objects.requireNonNull(token, "token");
  }

  /**
   * Reads {@code ?resume=<token>&seq=<n>} from a handshake's query parameters. Empty when there
   * is no {@code resume} parameter. A missing or malformed {@code seq} reads as -1, which no
   * session accepts (the client is told {@code resume-failed}).
   */
  public static Optional<ResumeRequest> fromQuery(Map<String, List<String>> query) {
    List<String> tokens = query.get(TOKEN_PARAMETER);
    if (tokens == null || tokens.isEmpty() || tokens.get(0).isEmpty()) {
      return Optional.empty();
    }
    List<String> seqs = query.get(SEQ_PARAMETER);
    long seq = -1;
    if (seqs != null && !seqs.isEmpty()) {
      try {
        seq = Long.parseLong(seqs.get(0));
      } catch (NumberFormatException e) {
        seq = -1;
      }
    }
    return Optional.of(new ResumeRequest(tokens.get(0), seq));
  }

  @Override
  public String toString() {
    return "ResumeRequest{lastSeq=" + lastSeq + "}"; // never the token
  }
}
