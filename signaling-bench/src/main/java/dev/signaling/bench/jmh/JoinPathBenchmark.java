package dev.signaling.bench.jmh;

import dev.signaling.core.CloseReason;
import dev.signaling.core.Handshake;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.transport.NativeSession;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.NativeSocket;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.internal.EngineIoSession;
import dev.signaling.transport.socketio.internal.OutboundPacket;
import dev.signaling.transport.socketio.internal.SessionRegistry;
import dev.signaling.transport.socketio.internal.WebSocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A join storm's per-join work above Netty, for both protocols on one engine as the bench server
 * configures it (room capacity 2, no client log lines): two clients join one room (created;
 * join, joined, ready ×2), then both leave (bye). The Socket.IO side goes through the whole
 * Engine.IO session ({@link EngineIoSession#webSocketText}: framing, Socket.IO decoding, the
 * signaling namespace, the session's send queue) into a WebSocket channel that hands each packet
 * to a blackhole; the native side through {@link NativeSession#onText} into a socket that does
 * the same with each frame. The difference between the two is what Socket.IO adds per join
 * before the bytes reach Netty; {@code -prof gc} shows the allocation behind it.
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main JoinPathBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JoinPathBenchmark {
  private static final String ROOM = "storm-bench-room-1234";

  private SignalingEngine engine;
  private SocketIoServer socketIo;
  private NativeSessions nativeSessions;
  private final BlackholeChannel channelA = new BlackholeChannel();
  private final BlackholeChannel channelB = new BlackholeChannel();
  private EngineIoSession sessionA;
  private EngineIoSession sessionB;
  private final BlackholeSocket socketA = new BlackholeSocket();
  private final BlackholeSocket socketB = new BlackholeSocket();
  private NativeSession nativeA;
  private NativeSession nativeB;

  /** A WebSocket whose queued packets go to a blackhole (the Netty write is not measured). */
  static final class BlackholeChannel implements WebSocketChannel {
    volatile Blackhole hole;
    int packets;

    @Override
    public void enqueue(OutboundPacket packet) {
      packets++;
      if (hole != null) {
        hole.consume(packet);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close(int code, String reason) {}
  }

  /** A native socket whose frames go to a blackhole. */
  static final class BlackholeSocket implements NativeSocket {
    volatile Blackhole hole;
    int frames;

    @Override
    public void sendText(String frame) {
      frames++;
      if (hole != null) {
        hole.consume(frame);
      }
    }

    @Override
    public void sendPing() {}

    @Override
    public void close(CloseReason reason, String description) {}

    @Override
    public String id() {
      return "bench";
    }
  }

  @Setup
  public void setUp(Blackhole hole) {
    engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(2).clientLogging(false).ipAddrAnswers(false)
            .rateLimit(RateLimit.UNLIMITED).build())
        .connectionLimits(ConnectionLimits.UNLIMITED)
        .build();
    socketIo = SocketIoServer.builder().signaling(engine).build();
    SessionRegistry registry = socketIo.engineIo().registry();
    sessionA = registry.openWebSocket(channelA, Handshake.empty());
    sessionB = registry.openWebSocket(channelB, Handshake.empty());
    sessionA.webSocketText(channelA, "40");
    sessionB.webSocketText(channelB, "40");
    nativeSessions = NativeSessions.create(engine, WebSocketOptions.DEFAULT);
    nativeA = nativeSessions.open(socketA, Handshake.empty());
    nativeB = nativeSessions.open(socketB, Handshake.empty());
    // One round of each, checked: both paths answer every join (created, join, joined, ready ×2, bye).
    int packetsBefore = channelA.packets + channelB.packets;
    socketIoJoinLeave();
    int framesBefore = socketA.frames + socketB.frames;
    nativeJoinLeave();
    if (channelA.packets + channelB.packets - packetsBefore != 6 || socketA.frames + socketB.frames - framesBefore != 6) {
      throw new IllegalStateException("expected 6 events per join round on each protocol, got "
          + (channelA.packets + channelB.packets - packetsBefore) + " (Socket.IO) and "
          + (socketA.frames + socketB.frames - framesBefore) + " (native)");
    }
    channelA.hole = hole;
    channelB.hole = hole;
    socketA.hole = hole;
    socketB.hole = hole;
  }

  @TearDown
  public void tearDown() {
    nativeSessions.close();
    socketIo.close();
    engine.close();
  }

  /** Two Socket.IO clients on WebSocket: both join, both leave (2 joins). */
  @Benchmark
  public void socketIoJoinLeave() {
    sessionA.webSocketText(channelA, "42[\"create or join\",\"" + ROOM + "\"]");
    sessionB.webSocketText(channelB, "42[\"create or join\",\"" + ROOM + "\"]");
    sessionB.webSocketText(channelB, "42[\"bye\",\"" + ROOM + "\"]");
    sessionA.webSocketText(channelA, "42[\"bye\",\"" + ROOM + "\"]");
  }

  /** The same with two native-protocol clients. */
  @Benchmark
  public void nativeJoinLeave() {
    nativeA.onText("{\"event\":\"create or join\",\"args\":[\"" + ROOM + "\"]}");
    nativeB.onText("{\"event\":\"create or join\",\"args\":[\"" + ROOM + "\"]}");
    nativeB.onText("{\"event\":\"bye\",\"args\":[\"" + ROOM + "\"]}");
    nativeA.onText("{\"event\":\"bye\",\"args\":[\"" + ROOM + "\"]}");
  }
}
