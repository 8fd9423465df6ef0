package dev.signaling.transport.socketio;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which browser origins may open a session, checked on every polling request and on
 * the WebSocket upgrade. Requests without an {@code Origin} header (non-browser clients, which
 * no web page can forge) are always let through; this policy only judges the header's value.
 */
@FunctionalInterface
public interface OriginPolicy {

  /** @param origin the {@code Origin} header, e.g. {@code https://example.com}; never null */
  boolean allows(String origin);

  /** Any origin: for public APIs that need no protection from cross-site pages. */
  static OriginPolicy anyOrigin() {
    return origin -> true;
  }

  /** No browser origin at all: only non-browser clients (the default). */
  static OriginPolicy noBrowserOrigin() {
    return origin -> false;
  }

  /** Exactly the listed origins (scheme://host[:port], compared case-insensitively). */
  static OriginPolicy allowing(Set<String> origins) {
    Objects.requireNonNull(origins, "origins");
    Set<String> allowed = origins.stream()
        .map(o -> stripTrailingSlash(o.toLowerCase(Locale.ROOT)))
        .collect(Collectors.toUnmodifiableSet());
    return origin -> allowed.contains(stripTrailingSlash(origin.toLowerCase(Locale.ROOT)));
  }

  private static String stripTrailingSlash(String origin) {
    return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
  }
}
