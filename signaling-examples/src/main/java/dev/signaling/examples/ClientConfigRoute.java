package dev.signaling.examples;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingException;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.core.ice.IceConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * <p><b>Who</b>: when the engine authenticates connections, the request must carry the same
 * credential a connection would ({@code ?token=...} or {@code Authorization: Bearer ...}),
 * checked by the same authenticator; without it, or with a refused one, the answer is 401 and
 * holds no ICE servers at all. The TURN user id is then the authenticated subject. Without
 * authentication every caller gets a fresh random user id.
 *
 * <p>Routes answer synchronously: the authenticator and the provider must answer at once (the
 * built-in ones do); one still working gets 503 with {@code Retry-After}, one that failed 503.
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
    String userId;
    if (engine.authenticates()) {
      CompletableFuture<Identity> identity = engine.authenticate(handshake(request)).toCompletableFuture();
      if (!identity.isDone()) {
        return notYet();
      }
      if (identity.isCompletedExceptionally()) {
        return refused(identity);
      }
      // A subject names the TURN user; an authenticator may still admit someone anonymously.
      userId = identity.join().subject().filter(subject -> !subject.isEmpty()).orElseGet(ClientConfigRoute::randomId);
    } else {
      userId = randomId();
    }
    CompletableFuture<IceConfiguration> answer = engine.iceServers(userId).toCompletableFuture();
    if (!answer.isDone()) {
      return notYet();
    }
    if (answer.isCompletedExceptionally()) {
      answer.whenComplete((ignored, failure) -> log.warn("GET /config: the ICE server provider failed", failure));
      return noStore(HttpResponse.text(503, "ICE servers unavailable"));
    }
    byte[] body = answer.join().toJson().toString().getBytes(StandardCharsets.UTF_8);
    return noStore(HttpResponse.of(200, "application/json; charset=UTF-8", body));
  }

  /** An anonymous caller has no id of its own: a random one (122 bits) names it to TURN. */
  private static String randomId() {
    return UUID.randomUUID().toString();
  }

  /** The request as a connection's handshake: its credential is the token parameter or the bearer header. */
  private static Handshake handshake(HttpRequest request) {
    Handshake.Builder handshake = Handshake.builder().path(request.path()).rawQuery(request.rawQuery());
    request.headers().forEach(handshake::header);
    if (request.remoteAddress() != null) {
      handshake.remoteAddress(request.remoteAddress());
    }
    return handshake.build();
  }

  private static HttpResponse refused(CompletableFuture<Identity> identity) {
    SignalingException refusal;
    try {
      identity.join();
      throw new IllegalStateException("not refused");
    } catch (CompletionException e) {
      refusal = e.getCause() instanceof SignalingException s
          ? s : new SignalingException(ErrorCode.UNAUTHORIZED, "unauthorized");
    }
    if (refusal.code() == ErrorCode.UNAVAILABLE) {
      return noStore(HttpResponse.text(503, "unavailable: " + refusal.getMessage()).withHeader("Retry-After", "1"));
    }
    return noStore(HttpResponse.text(401, refusal.code().wireCode() + ": " + refusal.getMessage())
        .withHeader("WWW-Authenticate", "Bearer"));
  }

  private static HttpResponse notYet() {
    return noStore(HttpResponse.text(503, "not ready, try again").withHeader("Retry-After", "1"));
  }

  /** TURN credentials are short-lived and per caller: never let a cache keep them. */
  private static HttpResponse noStore(HttpResponse response) {
    return response.withHeader("Cache-Control", "no-store");
  }
}
