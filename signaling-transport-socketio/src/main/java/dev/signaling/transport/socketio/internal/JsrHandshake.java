package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.internal.RemoteAddresses;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The {@link Handshake} of a JSR-356 WebSocket upgrade. {@link #capture} runs in {@code
 * modifyHandshake} and keeps the headers, HTTP session and remote address in the per-connection
 * user properties (Tyrus 2.2, Tomcat and Jetty copy them per upgrade); {@link #of} completes
 * them in {@code onOpen} with the path and query. The remote address: the user property {@code
 * jakarta.websocket.endpoint.remoteAddress} where a container sets it, else {@link
 * RemoteAddresses} on the request (Tyrus, Tomcat) or session, else unknown.
 */
final class JsrHandshake {
  private static final String REMOTE_ADDRESS_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";
  private static final String CAPTURED = JsrHandshake.class.getName();

  private JsrHandshake() {}

  static void capture(Map<String, Object> userProperties, HandshakeRequest request) {
    userProperties.put(CAPTURED, new Captured(request.getHeaders(), request.getHttpSession(),
        RemoteAddresses.addressOf(request)));
  }

  static Handshake of(Session session, EndpointConfig config) {
    Object value = config.getUserProperties().remove(CAPTURED);
    Captured captured = value instanceof Captured ours ? ours : new Captured(null, null, null);
    Handshake.Builder builder = Handshake.builder()
        .path(session.getRequestURI() != null ? session.getRequestURI().getPath() : null)
        .rawQuery(session.getQueryString())
        .headers(captured.headers())
        .attribute(Handshake.HTTP_SESSION, captured.httpSession())
        .credential(null); // Socket.IO's credential comes in the CONNECT packet
    if (session.getUserProperties().get(REMOTE_ADDRESS_PROPERTY) instanceof InetSocketAddress address) {
      builder.remoteAddress(address);
    } else {
      builder.remoteAddress(captured.remoteAddr() != null ? captured.remoteAddr() : RemoteAddresses.addressOf(session));
    }
    return builder.build();
  }

  private record Captured(Map<String, List<String>> headers, Object httpSession, InetSocketAddress remoteAddr) {}
}
