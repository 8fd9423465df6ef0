package dev.signaling.bench.jmh;

import dev.signaling.bench.jmh.BenchFixture.DropEngineIoSocket;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingEngine;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoNamespace;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.internal.SignalingNamespace;
import dev.signaling.transport.socketio.internal.SocketIoConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
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
public class SocketIoRelayBenchmark extends AverageTimeBenchmark {

  @Param({"100", "1000"})
  public int payloadBytes;

  private ScheduledExecutorService timers;
  private SignalingEngine engine;
  private EngineIoListener sender;
  private String packet;
  private final DropEngineIoSocket senderSocket = new DropEngineIoSocket("a");
  private final DropEngineIoSocket receiverSocket = new DropEngineIoSocket("b");

  @Setup
  public void setUp(Blackhole hole) {
    timers = Executors.newSingleThreadScheduledExecutor();
    engine = BenchFixture.engine(BenchFixture.benchConfig()
        .resume(ResumePolicy.OFF) // as in earlier runs: figures stay comparable
        .build());
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
    if (!(receiverSocket.last instanceof String last) || !last.startsWith("2[\"message\",{\"type\":\"offer\"")) {
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
