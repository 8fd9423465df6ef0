package dev.signaling.metrics.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.Connection;
import dev.signaling.core.Identity;
import dev.signaling.core.RawJson;
import dev.signaling.core.RecordingSink;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The binder on a real Prometheus registry: the scraped text carries the documented names. */
class SignalingMetricsTest {
  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SignalingMetrics metrics = SignalingMetrics.create(registry);
  private final SignalingEngine engine = SignalingEngine.builder().observer(metrics).build();

  @Test
  void theCodelabScenarioMovesEachSeriesByExactlyItsAmount() {
    Map<String, Double> before = scrape();
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    RecordingSink carol = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("secret-room-name"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("secret-room-name"));
    carol.peer.receive(new ClientEvent.CreateOrJoin("secret-room-name"));
    alice.peer.receive(new ClientEvent.Message(RawJson.parse("{\"type\":\"offer\"}"), null));
    carol.peer.receive(new ClientEvent.Bye("secret-room-name"));
    Map<String, Double> after = scrape();

    assertEquals(1.0, delta(before, after, "signaling_joins_total{outcome=\"created\"}"));
    assertEquals(1.0, delta(before, after, "signaling_joins_total{outcome=\"joined\"}"));
    assertEquals(1.0, delta(before, after, "signaling_joins_total{outcome=\"full\"}"));
    assertEquals(0.0, delta(before, after, "signaling_joins_total{outcome=\"unavailable\"}"));
    assertEquals(1.0, delta(before, after, "signaling_messages_relayed_total"));
    assertEquals(16.0, delta(before, after, "signaling_relayed_bytes_total"));
    assertEquals(1.0, delta(before, after, "signaling_errors_total{code=\"not-in-room\"}"), "carol's bye");
    assertEquals(3.0, delta(before, after, "signaling_join_latency_seconds_count{outcome=\"created\"}")
        + delta(before, after, "signaling_join_latency_seconds_count{outcome=\"joined\"}")
        + delta(before, after, "signaling_join_latency_seconds_count{outcome=\"full\"}"));
    assertEquals(3.0, delta(before, after, "signaling_backend_call_seconds_count{op=\"join\"}"));
    assertEquals(1.0, after.get("signaling_rooms"));
    assertEquals(3.0, after.get("signaling_peers"));
    assertEquals(1.0, after.get("signaling_backend_reachable"));
    assertEquals(0.0, after.get("signaling_draining"));
    assertFalse(registry.scrape().contains("secret-room-name"), "no room name in any tag");
    assertFalse(registry.scrape().contains(alice.peer.id()), "no peer id in any tag");
  }

  @Test
  void connectionsAreGaugedByProtocolAndTransportAndClosesCountedByCode() throws Exception {
    Connection polling = engine.connections().admit(WireProtocol.SOCKETIO, TransportKind.POLLING, (r, d) -> { }).orElseThrow();
    Connection[] ws = new Connection[1];
    ws[0] = engine.connections().admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET,
        (reason, description) -> ws[0].closed(reason.code(), description)).orElseThrow();
    ws[0].queued(42);
    Map<String, Double> open = scrape();
    assertEquals(1.0, open.get("signaling_connections{protocol=\"socketio\",transport=\"polling\"}"));
    assertEquals(1.0, open.get("signaling_connections{protocol=\"native\",transport=\"websocket\"}"));
    assertEquals(0.0, open.get("signaling_connections{protocol=\"socketio\",transport=\"websocket\"}"));
    assertEquals(42.0, open.get("signaling_send_queue_bytes"));

    polling.upgraded(TransportKind.WEBSOCKET);
    polling.closed(4321, "application code");
    engine.drain(Duration.ofMillis(1)); // closes the native one with 1012
    engine.connections().admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, (r, d) -> { });
    Map<String, Double> after = scrape();

    assertEquals(0.0, after.get("signaling_connections{protocol=\"socketio\",transport=\"websocket\"}"));
    assertEquals(0.0, after.get("signaling_connections{protocol=\"native\",transport=\"websocket\"}"));
    assertEquals(1.0, after.get("signaling_closes_total{code=\"other\"}"), "4321 is folded into other");
    assertEquals(1.0, after.get("signaling_closes_total{code=\"1012\"}"));
    assertEquals(1.0, after.get("signaling_connections_refused_total{code=\"1012\"}"));
    assertEquals(1.0, after.get("signaling_draining"));
    assertEquals(0.0, after.get("signaling_send_queue_bytes"));
  }

  @Test
  void aJoinAuthorizationRefusesCountsAsForbidden() {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SignalingEngine guarded = SignalingEngine.builder()
        .observer(SignalingMetrics.create(own))
        .authenticator(handshake -> CompletableFuture.completedStage(
            Identity.builder("alice").rooms(Set.of("a")).build()))
        .build();
    RecordingSink alice = RecordingSink.connect(guarded);
    alice.peer.receive(new ClientEvent.CreateOrJoin("b"));
    alice.peer.receive(new ClientEvent.CreateOrJoin("a"));

    String text = own.scrape();
    assertTrue(text.contains("signaling_joins_total{outcome=\"forbidden\"} 1"), text);
    assertTrue(text.contains("signaling_joins_total{outcome=\"created\"} 1"), text);
    assertTrue(text.contains("signaling_errors_total{code=\"forbidden\"} 1"), text);
  }

  @Test
  void oneInstanceObservesOneEngine() {
    assertThrows(IllegalStateException.class, () -> SignalingEngine.builder().observer(metrics).build());
  }

  @Test
  void everySeriesExistsAtZeroBeforeAnythingHappens() {
    String text = registry.scrape();
    for (String series : new String[] {"signaling_joins_total{outcome=\"forbidden\"}",
        "signaling_resumes_total{outcome=\"resumed\"}", "signaling_resumes_total{outcome=\"in-use\"}",
        "signaling_errors_total{code=\"invalid-json\"}", "signaling_closes_total{code=\"1000\"}",
        "signaling_backend_call_seconds_count{op=\"leave\"}", "signaling_rooms", "signaling_peers"}) {
      assertTrue(text.contains(series + " 0"), series + " in\n" + text);
    }
  }

  private Map<String, Double> scrape() {
    Map<String, Double> samples = new LinkedHashMap<>();
    Matcher matcher = SAMPLE.matcher(registry.scrape());
    while (matcher.find()) {
      samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return samples;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    if (!after.containsKey(series)) {
      throw new AssertionError("no series " + series + " in " + after.keySet());
    }
    return after.get(series) - before.getOrDefault(series, 0.0);
  }
}
