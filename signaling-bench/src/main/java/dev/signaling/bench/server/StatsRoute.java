package dev.signaling.bench.server;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /stats[?gc=1]}: rooms, peers and heap used, as JSON, for the load generator. A
 * server-neutral route, so Grizzly and Netty runs answer the same.
 */
final class StatsRoute implements HttpRoute {
  private final SignalingEngine engine;

  StatsRoute(SignalingEngine engine) {
    this.engine = engine;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (request.rawQuery() != null && request.rawQuery().contains("gc")) {
      // Twice: the first may leave objects with finalizers or soft references for the second.
      // (A benchmark tool between runs: it may stall the I/O thread, nothing is measured then.)
      System.gc();
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    String body = "{\"rooms\":" + engine.roomCount() + ",\"peers\":" + engine.peerCount() + ",\"heapUsed\":" + heap + "}";
    return HttpResponse.of(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }
}
