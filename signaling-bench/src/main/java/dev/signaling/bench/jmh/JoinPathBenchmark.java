package dev.signaling.bench.jmh;

import dev.signaling.bench.jmh.BenchFixture.DropChannel;
import dev.signaling.bench.jmh.BenchFixture.DropSocket;
import dev.signaling.core.Handshake;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.NativeSession;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.internal.EngineIoSession;
import dev.signaling.transport.socketio.internal.SessionRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
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
public class JoinPathBenchmark extends AverageTimeBenchmark {
  private static final String ROOM = "storm-bench-room-1234";

  private SignalingEngine engine;
  private SocketIoServer socketIo;
  private NativeSessions nativeSessions;
  private final DropChannel channelA = new DropChannel();
  private final DropChannel channelB = new DropChannel();
  private EngineIoSession sessionA;
  private EngineIoSession sessionB;
  private final DropSocket socketA = new DropSocket(false);
  private final DropSocket socketB = new DropSocket(false);
  private NativeSession nativeA;
  private NativeSession nativeB;

  @Setup
  public void setUp(Blackhole hole) {
    engine = BenchFixture.engine();
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
    int packetsBefore = channelA.count + channelB.count;
    socketIoJoinLeave();
    int framesBefore = socketA.count + socketB.count;
    nativeJoinLeave();
    if (channelA.count + channelB.count - packetsBefore != 6 || socketA.count + socketB.count - framesBefore != 6) {
      throw new IllegalStateException("expected 6 events per join round on each protocol, got "
          + (channelA.count + channelB.count - packetsBefore) + " (Socket.IO) and "
          + (socketA.count + socketB.count - framesBefore) + " (native)");
    }
    channelA.hole = hole;
    channelB.hole = hole;
    socketA.hole = hole;
    socketB.hole = hole;
  }

  @TearDown
  public void tearDown() {
    socketA.allowClose();
    socketB.allowClose();
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
