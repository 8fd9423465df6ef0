package dev.signaling.spring.boot.internal;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.cluster.BackendHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The engine's health for Boot's health endpoint (contributor {@code signaling}): UP while the
 * room backend is reachable, DOWN when it is not (a cluster node that lost Redis), OUT_OF_SERVICE
 * while draining. Details: the backend's own words, the cluster's nodes, peers and rooms. Reads
 * the engine's last known state; never blocks on the backend.
 */
public final class SignalingHealthIndicator implements HealthIndicator {
  private final SignalingEngine engine;

  public SignalingHealthIndicator(SignalingEngine engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    BackendHealth backend = engine.backendHealth();
    Health.Builder health = engine.isDraining() ? Health.outOfService()
        : backend.reachable() ? Health.up() : Health.down();
    return health
        .withDetail("backend", backend.detail())
        .withDetail("clusterNodes", backend.clusterNodes())
        .withDetail("draining", engine.isDraining())
        .withDetail("peers", engine.peerCount())
        .withDetail("rooms", engine.roomCount())
        .build();
  }
}
