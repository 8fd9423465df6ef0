package dev.signaling.transport.socketio.internal;

/**
 * What {@link PollingTransport} needs to know of one HTTP request of the long-polling
 * transport, copied out of the container's request by its adapter.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param origin the {@code Origin} header, or null
 * @param rawQuery the raw (still encoded) query string, or null
 * @param contentLength the declared body length, or -1 when unknown (chunked, or no body)
 * @param peerAddress the direct peer's IP address, or null when unknown
 * @param forwarded the {@code Forwarded} header, or null (believed only from a trusted proxy)
 * @param xForwardedFor the {@code X-Forwarded-For} header, or null (likewise)
 */
public record PollingRequest(String method, String origin, String rawQuery, long contentLength,
    String peerAddress, String forwarded, String xForwardedFor) {

  /** A request whose peer is unknown (tests, in-memory adapters). */
  public PollingRequest(String method, String origin, String rawQuery, long contentLength) {
    this(method, origin, rawQuery, contentLength, null, null, null);
  }
}
