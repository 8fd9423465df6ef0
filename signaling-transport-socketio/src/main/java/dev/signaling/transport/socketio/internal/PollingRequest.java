package dev.signaling.transport.socketio.internal;

/**
 * What {@link PollingTransport} needs to know of one HTTP request of the long-polling
 * transport, copied out of the container's request by its adapter.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param origin the {@code Origin} header, or null
 * @param rawQuery the raw (still encoded) query string, or null
 * @param contentLength the declared body length, or -1 when unknown (chunked, or no body)
 */
public record PollingRequest(String method, String origin, String rawQuery, long contentLength) {}
