package dev.signaling.examples.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.cluster.BackendHealth;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.nio.charset.StandardCharsets;

/**
 * Kubernetes-style probes, open to anyone (they reveal only up or down):
 *
 * <ul>
 *   <li>{@code GET /healthz} — liveness: 200 {@code {"status":"ok"}} while the process serves;
 *   <li>{@code GET /readyz} — readiness: 200 {@code {"status":"ready"}} when the node accepts
 *       connections and its room backend is reachable; else 503 {@code {"status":"not ready",
 *       "reasons":[...]}}, a reason being {@code "draining"} or {@code "backend unreachable: ..."}.
 * </ul>
 */
public final class HealthRoute implements HttpRoute {
  public static final String LIVENESS = "/healthz";
  public static final String READINESS = "/readyz";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SignalingEngine engine;

  public HealthRoute(SignalingEngine engine) {
    this.engine = engine;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.path().equals(LIVENESS) && !request.path().equals(READINESS)) {
      return null;
    }
    if (!request.method().equals("GET") && !request.isHead()) {
      return HttpResponse.methodNotAllowed("GET, HEAD");
    }
    ObjectNode body = JSON.createObjectNode();
    int status = 200;
    if (request.path().equals(LIVENESS)) {
      body.put("status", "ok");
    } else {
      ArrayNode reasons = JSON.createArrayNode();
      if (engine.isDraining()) {
        reasons.add("draining");
      }
      BackendHealth backend = engine.backendHealth();
      if (!backend.reachable()) {
        reasons.add("backend unreachable: " + backend.detail());
      }
      if (reasons.isEmpty()) {
        body.put("status", "ready");
      } else {
        status = 503;
        body.put("status", "not ready");
        body.set("reasons", reasons);
      }
    }
    return HttpResponse.of(status, "application/json; charset=UTF-8",
            body.toString().getBytes(StandardCharsets.UTF_8))
        .withHeader("Cache-Control", "no-store");
  }
}
