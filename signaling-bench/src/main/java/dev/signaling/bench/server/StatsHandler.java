package dev.signaling.bench.server;

import dev.signaling.core.SignalingEngine;
import java.lang.management.ManagementFactory;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** {@code GET /stats[?gc=1]}: rooms, peers and heap used, as JSON, for the load generator. */
final class StatsHandler extends HttpHandler {
  private final SignalingEngine engine;

  StatsHandler(SignalingEngine engine) {
    this.engine = engine;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (request.getParameter("gc") != null) {
      // Twice: the first may leave objects with finalizers or soft references for the second.
      System.gc();
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    response.setContentType("application/json");
    response.getWriter().write("{\"rooms\":" + engine.roomCount() + ",\"peers\":" + engine.peerCount()
        + ",\"heapUsed\":" + heap + "}");
  }
}
