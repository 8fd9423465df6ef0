package dev.signaling.metrics.micrometer;

import dev.signaling.core.Connection;
import dev.signaling.core.Connections;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.JoinOutcome;
import dev.signaling.core.Peer;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingObserver;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's metrics on a Micrometer {@link MeterRegistry}: set it as the engine's observer.
 *
 * <pre>{@code
 * SignalingMetrics metrics = SignalingMetrics.create(registry);
 * SignalingEngine engine = SignalingEngine.builder().observer(metrics).build();
 * }</pre>
 *
 * <p>Meter names are Micrometer's dotted names; a Prometheus registry renders them as below (a
 * counter gets {@code _total}, a timer {@code _seconds}). docs/ops/METRICS.md describes each.
 *
 * <ul>
 *   <li>gauges {@code signaling_connections{protocol,transport}}, {@code signaling_rooms},
 *       {@code signaling_peers}, {@code signaling_send_queue_bytes}, {@code
 *       signaling_backend_reachable} (1 or 0), {@code signaling_draining} (1 or 0);
 *   <li>counters {@code signaling_joins_total{outcome}}, {@code
 *       signaling_messages_relayed_total}, {@code signaling_relayed_bytes_total}, {@code
 *       signaling_errors_total{code}}, {@code signaling_closes_total{code}}, {@code
 *       signaling_resumes_total{outcome}}, {@code signaling_connections_refused_total{code}};
 *   <li>timers {@code signaling_join_latency_seconds{outcome}}, {@code
 *       signaling_backend_call_seconds{op}}.
 * </ul>
 *
 * <p>Every tag is bounded: enum values, the backend operations, and close codes folded into the
 * known RFC 6455 codes or {@code other}. No room name or peer id ever becomes a tag. Meters for
 * every tag value are registered up front, so each series exists at zero from the start.
 *
 * <p>One instance observes one engine ({@link #bound} registers the gauges that read it).
 */
public final class SignalingMetrics implements SignalingObserver {
  /** Close codes kept as their own tag value; any other is counted as {@code other}. */
  static final Set<Integer> KNOWN_CLOSE_CODES =
      Set.of(1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014);
  private static final String OTHER = "other";
  /** Join latency buckets (Prometheus histogram) for the targets ops care about. */
  private static final Duration[] JOIN_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofSeconds(5)};
  /** Backend operations timed by the engine. */
  private static final Set<String> BACKEND_OPERATIONS = Set.of("join", "leave");

  private final MeterRegistry registry;
  private final Tags commonTags;
  private final Map<JoinOutcome, Counter> joins = new EnumMap<>(JoinOutcome.class);
  private final Map<JoinOutcome, Timer> joinLatency = new EnumMap<>(JoinOutcome.class);
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final Map<ResumeOutcome, Counter> resumes = new EnumMap<>(ResumeOutcome.class);
  private final Map<String, Counter> closes = new TreeMap<>();
  private final Map<String, Counter> refused = new ConcurrentHashMap<>();
  private final Map<String, Timer> backendCalls = new TreeMap<>();
  private final Counter relayed;
  private final Counter relayedBytes;
  private volatile SignalingEngine engine;

  private SignalingMetrics(MeterRegistry registry, Tags commonTags) {
    this.registry = registry;
    this.commonTags = commonTags;
    for (JoinOutcome outcome : JoinOutcome.values()) {
      joins.put(outcome, Counter.builder("signaling.joins")
          .description("create-or-join requests by outcome")
          .tags(commonTags).tag("outcome", outcome.tag())
          .register(registry));
      joinLatency.put(outcome, Timer.builder("signaling.join.latency")
          .description("time from a create-or-join request to its outcome")
          .tags(commonTags).tag("outcome", outcome.tag())
          .serviceLevelObjectives(JOIN_BUCKETS)
          .register(registry));
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, Counter.builder("signaling.errors")
          .description("error events sent to clients, by code")
          .tags(commonTags).tag("code", code.wireCode())
          .register(registry));
    }
    for (ResumeOutcome outcome : ResumeOutcome.values()) {
      resumes.put(outcome, Counter.builder("signaling.resumes")
          .description("session resume attempts by outcome")
          .tags(commonTags).tag("outcome", outcome.tag())
          .register(registry));
    }
    for (Integer code : KNOWN_CLOSE_CODES) {
      closes.put(code.toString(), closeCounter(code.toString()));
    }
    closes.put(OTHER, closeCounter(OTHER));
    for (String operation : BACKEND_OPERATIONS) {
      backendCalls.put(operation, Timer.builder("signaling.backend.call")
          .description("room backend operations (a Redis round trip in a cluster)")
          .tags(commonTags).tag("op", operation)
          .register(registry));
    }
    relayed = Counter.builder("signaling.messages.relayed")
        .description("message events accepted for relay")
        .tags(commonTags)
        .register(registry);
    relayedBytes = Counter.builder("signaling.relayed.bytes")
        .description("UTF-8 bytes of the relayed payloads")
        .baseUnit("bytes")
        .tags(commonTags)
        .register(registry);
  }

  /** Metrics on {@code registry}. */
  public static SignalingMetrics create(MeterRegistry registry) {
    return create(registry, Tags.empty());
  }

  /** Metrics on {@code registry}, each meter carrying {@code commonTags} too (e.g. a node id). */
  public static SignalingMetrics create(MeterRegistry registry, Tags commonTags) {
    return new SignalingMetrics(Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(commonTags, "commonTags"));
  }

  /** Registers the gauges that read {@code engine}. Called by the engine when it is built. */
  @Override
  public void bound(SignalingEngine engine) {
    if (this.engine != null) {
      throw new IllegalStateException("these metrics observe another engine already");
    }
    this.engine = engine;
    Connections connections = engine.connections();
    for (WireProtocol protocol : WireProtocol.values()) {
      for (TransportKind transport : TransportKind.values()) {
        Gauge.builder("signaling.connections", connections, c -> c.count(protocol, transport))
            .description("open connections by wire protocol and transport")
            .tags(commonTags).tag("protocol", protocol.tag()).tag("transport", transport.tag())
            .strongReference(true)
            .register(registry);
      }
    }
    Gauge.builder("signaling.rooms", engine, SignalingEngine::roomCount)
        .description("rooms (in a cluster: the whole cluster's, as of the last heartbeat)")
        .tags(commonTags).strongReference(true).register(registry);
    Gauge.builder("signaling.peers", engine, SignalingEngine::peerCount)
        .description("peers connected to this node")
        .tags(commonTags).strongReference(true).register(registry);
    Gauge.builder("signaling.send.queue", connections, Connections::queuedBytes)
        .description("bytes waiting in the send queues of all connections")
        .baseUnit("bytes")
        .tags(commonTags).strongReference(true).register(registry);
    Gauge.builder("signaling.backend.reachable", engine, e -> e.backendHealth().reachable() ? 1 : 0)
        .description("1 while the room backend (Redis) is reachable, else 0")
        .tags(commonTags).strongReference(true).register(registry);
    Gauge.builder("signaling.draining", engine, e -> e.isDraining() ? 1 : 0)
        .description("1 once the node drains (refuses new connections), else 0")
        .tags(commonTags).strongReference(true).register(registry);
  }

  @Override
  public void connectionClosed(Connection connection, int closeCode, String reason) {
    Counter counter = closes.get(KNOWN_CLOSE_CODES.contains(closeCode) ? Integer.toString(closeCode) : OTHER);
    counter.increment();
  }

  @Override
  public void connectionRefused(WireProtocol protocol, TransportKind transport, int code) {
    refused.computeIfAbsent(boundedCode(code), tag -> Counter.builder("signaling.connections.refused")
        .description("connections refused before they were admitted, by close code or HTTP status")
        .tags(commonTags).tag("code", tag)
        .register(registry)).increment();
  }

  @Override
  public void joinCompleted(JoinOutcome outcome, Duration latency) {
    joins.get(outcome).increment();
    joinLatency.get(outcome).record(latency);
  }

  @Override
  public void messageRelayed(long payloadBytes) {
    relayed.increment();
    relayedBytes.increment(payloadBytes);
  }

  @Override
  public void errorSent(Peer peer, ErrorCode code) {
    errors.get(code).increment();
  }

  @Override
  public void backendCall(String operation, Duration duration, boolean failed) {
    Timer timer = backendCalls.get(operation);
    if (timer != null) { // only the known operations: a tag value from elsewhere stays unbounded
      timer.record(duration);
    }
  }

  @Override
  public void resumeCompleted(ResumeOutcome outcome) {
    resumes.get(outcome).increment();
  }

  private Counter closeCounter(String code) {
    return Counter.builder("signaling.closes")
        .description("connections closed, by WebSocket close code (other: codes outside RFC 6455's)")
        .tags(commonTags).tag("code", code)
        .register(registry);
  }

  /** Close codes as above; HTTP statuses (100-599) are bounded by nature. */
  private static String boundedCode(int code) {
    return KNOWN_CLOSE_CODES.contains(code) || (code >= 100 && code <= 599) ? Integer.toString(code) : OTHER;
  }
}
