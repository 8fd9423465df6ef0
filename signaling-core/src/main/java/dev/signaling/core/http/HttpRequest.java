package dev.signaling.core.http;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A plain HTTP request as an {@link HttpRoute} sees it, copied out of the server's own request
 * type by the transport adapter (Grizzly, Netty, ...).
 *
 * @param method the method, upper case, e.g. {@code GET}
 * @param path the decoded path, e.g. {@code /config}
 * @param rawQuery the query string as sent (still encoded), or null
 * @param headers header values by lower-case name (the first value of a repeated header)
 * @param remoteAddress the peer's address, or null when unknown
 * @param body the request body (empty for none), read in full and bounded by the adapter
 */
public record HttpRequest(
    String method, String path, String rawQuery, Map<String, String> headers,
    InetSocketAddress remoteAddress, byte[] body) {

  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The header's value, or null; {@code name} in any case. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** True for {@code HEAD}: answer as {@code GET} would, the adapter sends no body. */
  public boolean isHead() {
    return method.equals("HEAD");
  }
}
