package dev.signaling.examples.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.Connections;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import dev.signaling.core.cluster.BackendHealth;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * {@code GET /admin/stats}: this node at a glance, as JSON (an admin endpoint: guard it with
 * {@link AdminAccess}).
 *
 * <pre>{@code
 * {"nodeId":"a","uptimeSeconds":42,"draining":false,"rooms":1,"peers":2,
 *  "connections":{"total":2,"native":{"websocket":1,"polling":0},"socketio":{"websocket":1,"polling":0}},
 *  "sendQueueBytes":0,
 *  "backend":{"reachable":true,"detail":"in contact with Redis","clusterNodes":["a","b"]}}
 * }</pre>
 *
 * <p>{@code clusterNodes} appears when the backend is a cluster. Counts only: no room names, no peer ids.
 */
public final class AdminStatsRoute implements HttpRoute {
  public static final String PATH = "/admin/stats";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SignalingEngine engine;
  private final String nodeId;
  private final InstantSource clock;
  private final Instant started;

  public AdminStatsRoute(SignalingEngine engine, String nodeId, InstantSource clock) {
    this.engine = engine;
    this.nodeId = nodeId;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.path().equals(PATH)) {
      return null;
    }
    if (!request.method().equals("GET") && !request.isHead()) {
      return HttpResponse.methodNotAllowed("GET, HEAD");
    }
    return HttpResponse.of(200, "application/json; charset=UTF-8",
            stats().toString().getBytes(StandardCharsets.UTF_8))
        .withHeader("Cache-Control", "no-store");
  }

  ObjectNode stats() {
    ObjectNode stats = JSON.createObjectNode();
    stats.put("nodeId", nodeId);
    stats.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
    stats.put("draining", engine.isDraining());
    stats.put("rooms", engine.roomCount());
    stats.put("peers", engine.peerCount());
    Connections connections = engine.connections();
    ObjectNode byProtocol = stats.putObject("connections");
    byProtocol.put("total", connections.count());
    for (WireProtocol protocol : WireProtocol.values()) {
      ObjectNode byTransport = byProtocol.putObject(protocol.tag());
      for (TransportKind transport : TransportKind.values()) {
        byTransport.put(transport.tag(), connections.count(protocol, transport));
      }
    }
    stats.put("sendQueueBytes", connections.queuedBytes());
    BackendHealth health = engine.backendHealth();
    ObjectNode backend = stats.putObject("backend");
    backend.put("reachable", health.reachable());
    backend.put("detail", health.detail());
    if (!health.clusterNodes().isEmpty()) {
      ArrayNode nodes = backend.putArray("clusterNodes");
      health.clusterNodes().forEach(nodes::add);
    }
    return stats;
  }
}
