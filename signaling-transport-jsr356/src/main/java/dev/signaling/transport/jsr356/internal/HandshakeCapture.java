package dev.signaling.transport.jsr356.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.internal.RemoteAddresses;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Carries what a JSR-356 upgrade request holds into the {@link Handshake} of its connection.
 * {@link #capture} runs in {@code Configurator.modifyHandshake}, where the headers and the HTTP
 * session are visible, and keeps them in the per-connection user properties the container
 * passes on to {@code onOpen} (Tyrus 2.2, Tomcat and Jetty each copy them per upgrade); {@link
 * #handshake} completes them there with the path and query from the {@link Session}.
 *
 * <p>The remote address has no standard API. In order: the user property {@code
 * jakarta.websocket.endpoint.remoteAddress} (where a container sets it), then {@link
 * RemoteAddresses} on the container's handshake request (Tyrus; Tomcat through the servlet
 * request it wraps) and session; else unknown.
 */
public final class HandshakeCapture {
  /** A user property some containers put the remote {@link InetSocketAddress} in. */
  public static final String REMOTE_ADDRESS_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";
  private static final String HEADERS = HandshakeCapture.class.getName() + ".headers";
  private static final String HTTP_SESSION = HandshakeCapture.class.getName() + ".httpSession";
  private static final String REMOTE = HandshakeCapture.class.getName() + ".remote";

  private HandshakeCapture() {}

  /** From {@code modifyHandshake}: keeps the request's headers, HTTP session and remote address. */
  public static void capture(Map<String, Object> userProperties, HandshakeRequest request) {
    Map<String, List<String>> headers = request.getHeaders();
    if (headers != null) {
      userProperties.put(HEADERS, headers);
    }
    Object httpSession = request.getHttpSession();
    if (httpSession != null) {
      userProperties.put(HTTP_SESSION, httpSession);
    }
    InetSocketAddress remote = RemoteAddresses.addressOf(request);
    if (remote != null) {
      userProperties.put(REMOTE, remote);
    }
  }

  /** From {@code onOpen}: the connection's handshake (native rule for the credential). */
  public static Handshake.Builder handshake(Session session, EndpointConfig config) {
    Map<String, Object> captured = config.getUserProperties();
    Handshake.Builder builder = Handshake.builder()
        .path(session.getRequestURI() != null ? session.getRequestURI().getPath() : null)
        .rawQuery(session.getQueryString());
    @SuppressWarnings("unchecked")
    Map<String, List<String>> headers = (Map<String, List<String>>) captured.get(HEADERS);
    builder.headers(headers);
    builder.attribute(Handshake.HTTP_SESSION, captured.get(HTTP_SESSION));
    Object address = session.getUserProperties().get(REMOTE_ADDRESS_PROPERTY);
    if (address == null) {
      address = captured.get(REMOTE_ADDRESS_PROPERTY);
    }
    if (!(address instanceof InetSocketAddress)) {
      address = captured.get(REMOTE);
    }
    builder.remoteAddress(address instanceof InetSocketAddress known ? known : RemoteAddresses.addressOf(session));
    // Everything the connection needs is in the builder: let the request's objects go.
    captured.remove(HEADERS);
    captured.remove(HTTP_SESSION);
    captured.remove(REMOTE);
    return builder;
  }
}
