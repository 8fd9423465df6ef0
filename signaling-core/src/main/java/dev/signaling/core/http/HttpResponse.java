package dev.signaling.core.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link HttpRoute} answers: status, content type, extra headers and the whole body.
 * The adapter adds {@code Content-Length} and sends no body for {@code HEAD}.
 *
 * @param contentType the {@code Content-Type}, or null for a body-less answer
 * @param headers further headers by name (e.g. {@code Cache-Control}, {@code Allow})
 */
public record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

  public HttpResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, got " + status);
    }
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** {@code status} with a body of {@code contentType}. */
  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, contentType, Map.of(), body);
  }

  /** {@code status} with a short plain-text body. */
  public static HttpResponse text(int status, String text) {
    return of(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** 405, naming the methods allowed. */
  public static HttpResponse methodNotAllowed(String allow) {
    return text(405, "method not allowed").withHeader("Allow", allow);
  }

  /** This response with one more header. */
  public HttpResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new HttpResponse(status, contentType, more, body);
  }
}
