package dev.signaling.spring.boot.internal;

import dev.signaling.core.SignalingEngine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the engine when the application stops, before the web server does (this lifecycle's
 * phase is the highest, so it stops first): new connections are refused, open ones are closed
 * with 1012 (service restart) so clients reconnect at once, to another instance behind a load
 * balancer, and the shutdown waits up to the drain timeout for them to go.
 */
public final class DrainOnShutdown implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(DrainOnShutdown.class);

  private final SignalingEngine engine;
  private final Duration timeout;
  private volatile boolean running;

  public DrainOnShutdown(SignalingEngine engine, Duration timeout) {
    this.engine = engine;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    try {
      if (!engine.drain(timeout)) {
        log.warn("Connections still open after draining for {}; stopping anyway", timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
