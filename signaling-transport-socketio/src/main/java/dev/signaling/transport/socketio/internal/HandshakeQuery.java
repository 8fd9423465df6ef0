package dev.signaling.transport.socketio.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Engine.IO query parameters of a request: {@code EIO}, {@code transport} and {@code sid}.
 * Parsed from the raw query string, never from a form body (a POST's body is packets).
 */
public record HandshakeQuery(String eio, String transport, String sid) {

  public static HandshakeQuery parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      int pairs = 0;
      for (String pair : rawQuery.split("&", 64)) {
        if (++pairs > 32) {
          break; // nothing legitimate sends this many; do not let it cost us
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          values.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformedEscape) {
          // ignore this pair: a missing EIO or transport is refused below anyway
        }
      }
    }
    return new HandshakeQuery(values.get("EIO"), values.get("transport"), values.get("sid"));
  }

  /** Null when the query asks for Engine.IO 4 over {@code expectedTransport}, else why not. */
  public String problemFor(String expectedTransport) {
    if (!"4".equals(eio)) {
      return "unsupported protocol version (EIO must be 4)";
    }
    if (!expectedTransport.equals(transport)) {
      return "unknown transport (expected " + expectedTransport + ")";
    }
    return null;
  }
}
