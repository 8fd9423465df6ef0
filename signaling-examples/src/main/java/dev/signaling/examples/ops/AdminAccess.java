package dev.signaling.examples.ops;

import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards admin routes ({@code /metrics}, {@code /admin/*}). With a token (from {@code
 * --admin-token-file}) a request needs {@code Authorization: Bearer <token>}, else 401. Without
 * a token only loopback clients get in; others get 403. Refusals are logged with their code,
 * never with the token sent.
 */
public final class AdminAccess implements HttpRoute {
  private static final Logger log = LoggerFactory.getLogger(AdminAccess.class);
  private static final String BEARER = "Bearer ";

  private final HttpRoute route;
  private final byte[] token;

  private AdminAccess(HttpRoute route, byte[] token) {
    this.route = route;
    this.token = token;
  }

  /** {@code route} behind the bearer {@code token}, or for loopback clients only when empty. */
  public static AdminAccess guard(HttpRoute route, Optional<String> token) {
    Objects.requireNonNull(route, "route");
    return new AdminAccess(route, token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null));
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    HttpResponse answer = route.handle(request);
    if (answer == null) {
      return null; // not ours: no reason to reveal anything
    }
    if (token == null) {
      if (isLoopback(request.remoteAddress())) {
        return answer;
      }
      return refused(request, HttpResponse.text(403,
          "admin endpoints are served to other hosts only with --admin-token-file"));
    }
    String authorization = request.header("Authorization");
    if (authorization != null && authorization.startsWith(BEARER)
        && MessageDigest.isEqual(token, authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
      return answer;
    }
    return refused(request, HttpResponse.text(401, "bearer token required")
        .withHeader("WWW-Authenticate", "Bearer realm=\"signaling-admin\""));
  }

  private static HttpResponse refused(HttpRequest request, HttpResponse answer) {
    log.info("Refused {} {} from {}: {}", request.method(), request.path(),
        request.remoteAddress() == null ? "unknown" : request.remoteAddress().getAddress().getHostAddress(),
        answer.status());
    return answer;
  }

  private static boolean isLoopback(InetSocketAddress address) {
    return address != null && address.getAddress() != null && address.getAddress().isLoopbackAddress();
  }
}
