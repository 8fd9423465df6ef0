package dev.signaling.examples;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.ice.IceConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /config}: what a web client needs before it opens a peer connection, as JSON shaped
 * like an {@code RTCConfiguration}, so the page can pass it to {@code new RTCPeerConnection}
 * unchanged: {@code {"iceServers": [{"urls": [...], "username": ..., "credential": ...}]}}.
 * Computed per request by the engine's ICE server provider ({@link SignalingEngine#iceServers}),
 * so TURN credentials are fresh and signed for this caller (a fresh random user id: the caller
 * is anonymous here). A provider that answers later (a cloud TURN API) suspends the response
 * instead of blocking the selector thread.
 */
final class ClientConfigHandler extends HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ClientConfigHandler.class);

  private final SignalingEngine engine;

  ClientConfigHandler(SignalingEngine engine) {
    this.engine = engine;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
      response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
      response.setHeader("Allow", "GET, HEAD");
      return;
    }
    boolean head = request.getMethod() == Method.HEAD;
    // An anonymous caller has no id of its own: a random one (122 bits) names it to TURN.
    CompletableFuture<IceConfiguration> answer =
        engine.iceServers(UUID.randomUUID().toString()).toCompletableFuture();
    if (answer.isDone() && !answer.isCompletedExceptionally()) {
      write(response, answer.join(), null, head);
      return;
    }
    response.suspend();
    answer.whenComplete((configuration, failure) -> {
      try {
        write(response, configuration, failure, head);
      } catch (IOException | RuntimeException e) {
        log.debug("GET /config: could not write the answer", e);
      } finally {
        response.resume();
      }
    });
  }

  private static void write(Response response, IceConfiguration configuration, Throwable failure, boolean head)
      throws IOException {
    // TURN credentials are short-lived and per caller: never let a cache keep them.
    response.setHeader("Cache-Control", "no-store");
    if (failure != null || configuration == null) {
      log.warn("GET /config: the ICE server provider failed", failure);
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
      return;
    }
    byte[] body = configuration.toJson().toString().getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    if (!head) {
      response.getOutputStream().write(body);
    }
  }
}
