package dev.signaling.core.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes a request path once, strictly, and refuses every spelling of a path that could leave
 * the directory it is served from: {@code ..} or {@code .} segments (literal, {@code %2e}-encoded,
 * overlong UTF-8), backslashes, NUL and other control characters, malformed escapes and invalid
 * UTF-8, and escapes that would decode to one of these a second time ({@code %252e}).
 *
 * <p>Every server of the library applies it before any route sees a request (the Netty server,
 * the example server's Grizzly guard), answering 404 to a path it refuses: a route only ever
 * sees safe, decoded paths.
 */
public final class RequestPaths {
  private RequestPaths() {}

  /** The decoded path, or empty when it is not a safe path. {@code rawPath} excludes the query. */
  public static Optional<String> decode(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.length() > 2048) {
      return Optional.empty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        if (i + 2 >= rawPath.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(rawPath.charAt(i + 1), 16);
        int lo = Character.digit(rawPath.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7e) {
        return Optional.empty(); // a raw non-ASCII byte: clients escape these
      } else {
        bytes.write(c);
      }
    }
    String path;
    try {
      path = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return Optional.empty(); // includes overlong encodings such as %c0%ae
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
      return Optional.empty();
    }
    return isSafe(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * Whether an already decoded path is safe to look up below a root: starts with '/', holds no
   * {@code .} or {@code ..} segment, no backslash, no control character.
   */
  public static boolean isSafe(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return false;
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
