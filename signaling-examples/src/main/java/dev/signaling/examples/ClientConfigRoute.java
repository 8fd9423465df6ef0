package dev.signaling.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.IceServer;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /config}: what a web client needs before it opens a peer connection, as JSON shaped
 * like an {@code RTCConfiguration}, so the page can pass it to {@code new RTCPeerConnection}
 * unchanged: {@code {"iceServers": [{"urls": [...], "username": ..., "credential": ...}]}}.
 * The body is computed once: the configuration is immutable. A server-neutral route: Grizzly
 * and Netty serve the same one.
 */
final class ClientConfigRoute implements HttpRoute {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpResponse response;

  ClientConfigRoute(List<IceServer> iceServers) {
    byte[] body = render(iceServers).getBytes(StandardCharsets.UTF_8);
    // TURN credentials may be short-lived: never let a cache keep them.
    this.response = HttpResponse.of(200, "application/json; charset=UTF-8", body)
        .withHeader("Cache-Control", "no-store");
  }

  private static String render(List<IceServer> iceServers) {
    ObjectNode config = JSON.createObjectNode();
    ArrayNode servers = config.putArray("iceServers");
    for (IceServer ice : iceServers) {
      ObjectNode server = servers.addObject();
      ArrayNode urls = server.putArray("urls");
      ice.urls().forEach(urls::add);
      if (ice.username() != null) {
        server.put("username", ice.username());
      }
      if (ice.credential() != null) {
        server.put("credential", ice.credential());
      }
    }
    return config.toString();
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.method().equals("GET") && !request.isHead()) {
      return HttpResponse.methodNotAllowed("GET, HEAD");
    }
    return response;
  }
}
