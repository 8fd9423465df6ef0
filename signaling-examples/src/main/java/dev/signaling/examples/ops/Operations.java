package dev.signaling.examples.ops;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingObserver;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.metrics.micrometer.SignalingMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the example server adds for operators: metrics (Micrometer, Prometheus format), the
 * connection log, health and readiness probes and admin stats. Create one, give its {@link
 * #observer()} to the engine, then {@link #routes} to the server.
 */
public final class Operations {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SignalingMetrics metrics = SignalingMetrics.create(registry);
  private final ConnectionLog connectionLog = new ConnectionLog();
  private final Optional<String> adminToken;

  private Operations(Optional<String> adminToken) {
    this.adminToken = adminToken;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * @param adminTokenFile a file holding the admin bearer token (surrounding whitespace ignored),
   *     or null: admin routes then answer loopback clients only
   */
  public static Operations create(Path adminTokenFile) {
    return new Operations(Optional.ofNullable(adminTokenFile).map(Operations::readToken));
  }

  private static String readToken(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin token file " + file, e);
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the admin token file " + file + " is empty");
    }
    return token;
  }

  /** The engine's observer: metrics and the connection log. */
  public SignalingObserver observer() {
    return SignalingObserver.composite(java.util.List.of(metrics, connectionLog));
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * The operational routes by Grizzly mapping: {@code /healthz} and {@code /readyz} open to all,
   * {@code /metrics} and {@code /admin/stats} behind {@link AdminAccess}.
   */
  public Map<String, HttpRoute> routes(SignalingEngine engine, String nodeId) {
    Map<String, HttpRoute> routes = new LinkedHashMap<>();
    HealthRoute health = new HealthRoute(engine);
    routes.put(HealthRoute.LIVENESS, health);
    routes.put(HealthRoute.READINESS, health);
    routes.put(MetricsRoute.PATH, AdminAccess.guard(new MetricsRoute(registry), adminToken));
    routes.put(AdminStatsRoute.PATH,
        AdminAccess.guard(new AdminStatsRoute(engine, nodeId, InstantSource.system()), adminToken));
    return routes;
  }
}
