package dev.signaling.examples;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.core.ice.IceConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /config}: what a web client needs before it opens a peer connection, as JSON shaped
 * like an {@code RTCConfiguration}, so the page can pass it to {@code new RTCPeerConnection}
 * unchanged: {@code {"iceServers": [{"urls": [...], "username": ..., "credential": ...}]}}.
 * Computed per request by the engine's ICE server provider ({@link SignalingEngine#iceServers}),
 * so TURN credentials are fresh and signed for this caller. A server-neutral route: Grizzly and
 * Netty serve the same one.
 *
 * <p>Routes answer synchronously: a provider must answer at once (the built-in ones do); one
 * still working on its answer gets 503 with {@code Retry-After}, one that failed 503.
 */
final class ClientConfigRoute implements HttpRoute {
  private static final Logger log = LoggerFactory.getLogger(ClientConfigRoute.class);

  private final SignalingEngine engine;

  ClientConfigRoute(SignalingEngine engine) {
    this.engine = engine;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.method().equals("GET") && !request.isHead()) {
      return HttpResponse.methodNotAllowed("GET, HEAD");
    }
    // An anonymous caller has no id of its own: a random one (122 bits) names it to TURN.
    CompletableFuture<IceConfiguration> answer =
        engine.iceServers(UUID.randomUUID().toString()).toCompletableFuture();
    if (!answer.isDone()) {
      return noStore(HttpResponse.text(503, "ICE servers not ready, try again").withHeader("Retry-After", "1"));
    }
    if (answer.isCompletedExceptionally()) {
      answer.whenComplete((ignored, failure) -> log.warn("GET /config: the ICE server provider failed", failure));
      return noStore(HttpResponse.text(503, "ICE servers unavailable"));
    }
    byte[] body = answer.join().toJson().toString().getBytes(StandardCharsets.UTF_8);
    return noStore(HttpResponse.of(200, "application/json; charset=UTF-8", body));
  }

  /** TURN credentials are short-lived and per caller: never let a cache keep them. */
  private static HttpResponse noStore(HttpResponse response) {
    return response.withHeader("Cache-Control", "no-store");
  }
}
