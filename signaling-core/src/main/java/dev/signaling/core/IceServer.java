package dev.signaling.core;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server that clients should use, delivered to them by the server so deployments
 * configure ICE in one place. {@code username} and {@code credential} are null for STUN.
 */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an ICE server needs at least one URL");
    }
    for (String url : urls) {
      if (!(url.startsWith("stun:") || url.startsWith("stuns:")
          || url.startsWith("turn:") || url.startsWith("turns:"))) {
        throw new IllegalArgumentException("ICE server URL must start with stun:, stuns:, turn: or turns:, got " + url);
      }
    }
  }

  public static IceServer of(String url) {
    return new IceServer(List.of(url), null, null);
  }

  /** Never prints the credential. */
  @Override
  public String toString() {
    return "IceServer{urls=" + urls + (username == null ? "" : ", username=" + username + ", credential=(hidden)") + "}";
  }
}
