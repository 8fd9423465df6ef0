package dev.signaling.examples.ops;

import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the registry in Prometheus' text format (an admin endpoint). */
public final class MetricsRoute implements HttpRoute {
  public static final String PATH = "/metrics";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.path().equals(PATH)) {
      return null;
    }
    if (!request.method().equals("GET") && !request.isHead()) {
      return HttpResponse.methodNotAllowed("GET, HEAD");
    }
    return HttpResponse.of(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8))
        .withHeader("Cache-Control", "no-store");
  }
}
