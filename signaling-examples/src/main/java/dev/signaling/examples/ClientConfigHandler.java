package dev.signaling.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.IceServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * {@code GET /config}: what a web client needs before it opens a peer connection, as JSON shaped
 * like an {@code RTCConfiguration}, so the page can pass it to {@code new RTCPeerConnection}
 * unchanged: {@code {"iceServers": [{"urls": [...], "username": ..., "credential": ...}]}}.
 * The body is computed once: the configuration is immutable.
 */
final class ClientConfigHandler extends HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final byte[] body;

  ClientConfigHandler(List<IceServer> iceServers) {
    this.body = render(iceServers).getBytes(StandardCharsets.UTF_8);
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
  public void service(Request request, Response response) throws Exception {
    if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
      response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
      response.setHeader("Allow", "GET, HEAD");
      return;
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    // TURN credentials may be short-lived: never let a cache keep them.
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    if (request.getMethod() == Method.GET) {
      response.getOutputStream().write(body);
    }
  }
}
