package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Handshake;
import java.util.function.Supplier;

/**
 * What {@link PollingTransport} needs to know of one HTTP request of the long-polling
 * transport, copied out of the container's request by its adapter.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param origin the {@code Origin} header, or null
 * @param rawQuery the raw (still encoded) query string, or null
 * @param contentLength the declared body length, or -1 when unknown (chunked, or no body)
 * @param handshake what the request carried, for a request that opens a session (asked only then)
 */
public record PollingRequest(String method, String origin, String rawQuery, long contentLength,
    Supplier<Handshake> handshake) {}
