package dev.signaling.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Peer;
import dev.signaling.core.PeerSink;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.SignalingEngine;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The core without a transport: join/leave of a two-peer room, and relaying a message to the
 * other member, on one and two threads (each thread its own pair of peers, one shared engine).
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main CoreBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreBenchmark {

  @State(Scope.Benchmark)
  public static class Engine {
    SignalingEngine engine;
    final AtomicInteger rooms = new AtomicInteger();

    @Setup
    public void setUp() {
      engine = SignalingEngine.builder()
          .config(SignalingConfig.builder().roomCapacity(2).rateLimit(RateLimit.UNLIMITED)
              .resume(ResumePolicy.OFF) // as in earlier runs: figures stay comparable
              .build()).build();
    }

    @TearDown
    public void tearDown() {
      engine.close();
    }
  }

  /** Swallows events into a blackhole, so the JIT cannot drop the work that made them. */
  static final class BlackholeSink implements PeerSink {
    volatile Blackhole hole;

    @Override
    public void send(ServerEvent event) {
      hole.consume(event);
    }

    @Override
    public void close(CloseReason reason, String description) {}
  }

  @State(Scope.Thread)
  public static class Pair {
    final BlackholeSink sink = new BlackholeSink();
    Peer a;
    Peer b;
    ClientEvent.CreateOrJoin join;
    ClientEvent.Bye byeA;
    ClientEvent.Bye byeB;
    ClientEvent.Message message;

    @Setup(Level.Trial)
    public void setUp(Engine engine, Blackhole hole) {
      sink.hole = hole;
      a = engine.engine.connect(sink);
      b = engine.engine.connect(sink);
      String room = "room-" + engine.rooms.incrementAndGet();
      join = new ClientEvent.CreateOrJoin(room);
      byeA = new ClientEvent.Bye(room);
      byeB = new ClientEvent.Bye(room);
      ObjectNode payload = JsonNodeFactory.instance.objectNode();
      payload.put("type", "candidate");
      payload.put("candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0");
      message = new ClientEvent.Message(RawJson.of(payload), null);
    }
  }

  /** A relay-ready pair: both peers joined. (Composition: JMH runs a subclass's setup before its parent's.) */
  @State(Scope.Thread)
  public static class JoinedPair {
    final Pair pair = new Pair();

    @Setup(Level.Trial)
    public void setUp(Engine engine, Blackhole hole) {
      pair.setUp(engine, hole);
      pair.a.receive(pair.join);
      pair.b.receive(pair.join);
    }
  }

  /** One room's whole life: created, joined (join, joined, ready ×2), both leave (bye). */
  private static void joinAndLeave(Pair pair) {
    pair.a.receive(pair.join);
    pair.b.receive(pair.join);
    pair.b.receive(pair.byeB);
    pair.a.receive(pair.byeA);
  }

  @Benchmark
  @Threads(1)
  public void joinLeave1Thread(Engine engine, Pair pair) {
    joinAndLeave(pair);
  }

  @Benchmark
  @Threads(2)
  public void joinLeave2Threads(Engine engine, Pair pair) {
    joinAndLeave(pair);
  }

  @Benchmark
  @Threads(1)
  public void relay1Thread(Engine engine, JoinedPair joined) {
    joined.pair.a.receive(joined.pair.message);
  }

  @Benchmark
  @Threads(2)
  public void relay2Threads(Engine engine, JoinedPair joined) {
    joined.pair.a.receive(joined.pair.message);
  }
}
