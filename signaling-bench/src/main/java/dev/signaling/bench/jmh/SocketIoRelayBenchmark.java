package dev.signaling.bench.jmh;

import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.SignalingEngine;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoNamespace;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.engineio.EngineIoSocket;
import dev.signaling.transport.socketio.internal.SignalingNamespace;
import dev.signaling.transport.socketio.internal.SocketIoConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One relayed {@code message} through the Socket.IO layer without a network: the sender's
 * Socket.IO packet {@code 2["message",{…}]} (Engine.IO framing already stripped) goes into its
 * session's Socket.IO connection, through the signaling core, and the receiver's packet text
 * comes out of its (fake) Engine.IO socket. This
 * is the per-message work our Socket.IO transport adds above Engine.IO framing.
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main SocketIoRelayBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SocketIoRelayBenchmark {

  @Param({"100", "1000"})
  public int payloadBytes;

  private ScheduledExecutorService timers;
  private SignalingEngine engine;
  private EngineIoListener sender;
  private String packet;
  private final CapturingSocket senderSocket = new CapturingSocket("a");
  private final CapturingSocket receiverSocket = new CapturingSocket("b");

  /** An Engine.IO session that hands what it is asked to send to a blackhole. */
  static final class CapturingSocket implements EngineIoSocket {
    private final String id;
    volatile Blackhole hole;
    String last;

    CapturingSocket(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public dev.signaling.core.Handshake handshake() {
      return dev.signaling.core.Handshake.empty();
    }

    @Override
    public void sendText(String message) {
      if (hole != null) {
        hole.consume(message);
      } else {
        last = message;
      }
    }

    @Override
    public void sendBinary(byte[] message) {
      throw new UnsupportedOperationException("no binary in this benchmark");
    }

    @Override
    public void sendText(String message, List<byte[]> followingBinaries) {
      throw new UnsupportedOperationException("no binary in this benchmark");
    }

    @Override
    public void close() {}
  }

  @Setup
  public void setUp(Blackhole hole) {
    timers = Executors.newSingleThreadScheduledExecutor();
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(2).rateLimit(RateLimit.UNLIMITED)
            .resume(ResumePolicy.OFF) // as in earlier runs: figures stay comparable
            .build()).build();
    Map<String, SocketIoNamespace> namespaces = Map.of("/", new SignalingNamespace(engine));
    var application = SocketIoConnection.factory(namespaces, SocketIoConfig.DEFAULT, timers);
    sender = application.open(senderSocket);
    EngineIoListener receiver = application.open(receiverSocket);
    for (EngineIoListener client : List.of(sender, receiver)) {
      client.onText("0");
      client.onText("2[\"create or join\",\"bench\"]");
    }
    String sdp = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n".repeat(Math.max(1, payloadBytes / 50));
    packet = "2[\"message\",{\"type\":\"offer\",\"sdp\":\"" + sdp.substring(0, Math.min(sdp.length(), payloadBytes)) + "\"}]";
    sender.onText(packet);
    if (receiverSocket.last == null || !receiverSocket.last.startsWith("2[\"message\",{\"type\":\"offer\"")) {
      throw new IllegalStateException("the receiver did not get the relayed message: " + receiverSocket.last);
    }
    senderSocket.hole = hole;
    receiverSocket.hole = hole;
  }

  @TearDown
  public void tearDown() {
    engine.close();
    timers.shutdownNow();
  }

  @Benchmark
  public void relayMessage() {
    sender.onText(packet);
  }
}
