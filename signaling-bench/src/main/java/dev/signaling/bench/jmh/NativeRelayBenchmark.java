package dev.signaling.bench.jmh;

import dev.signaling.bench.jmh.BenchFixture.DropSocket;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.NativeSession;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.WebSocketOptions;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One relayed message through everything the native protocol adds to a bare WebSocket echo,
 * without the network: a frame into one {@link NativeSession} (size check, UTF-8 check, decode,
 * rate limit, the peer's ordered steps, the room manager, the in-memory backend) and the encoded
 * frame out of its partner's, as the bench server is configured (rooms of two, no rate limit).
 * {@code text}: the JSR-356 path (a String in, Strings out); {@code utf8}: the Netty path (bytes
 * in, the frame written into a pooled direct buffer). The generator's 1 KB payload.
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main NativeRelayBenchmark}
 */
public class NativeRelayBenchmark extends AverageTimeBenchmark {

  @Param({"text", "utf8"})
  public String path;

  private SignalingEngine engine;
  private NativeSessions sessions;
  private NativeSession alice;
  private DropSocket aliceSocket;
  private DropSocket bobSocket;
  private String frame;
  private byte[] frameUtf8;
  private boolean utf8;

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    engine = BenchFixture.engine();
    sessions = NativeSessions.create(engine, WebSocketOptions.DEFAULT);
    utf8 = path.equals("utf8");
    aliceSocket = new DropSocket(utf8);
    bobSocket = new DropSocket(utf8);
    aliceSocket.hole = blackhole;
    bobSocket.hole = blackhole;
    alice = sessions.open(aliceSocket);
    NativeSession bob = sessions.open(bobSocket);
    String join = "{\"event\":\"create or join\",\"args\":[\"r\"]}";
    frame = "{\"event\":\"message\",\"args\":[{\"s\":123456,\"t\":12345678901234,\"p\":\"" + "x".repeat(960) + "\"}]}";
    frameUtf8 = frame.getBytes(StandardCharsets.UTF_8);
    if (utf8) {
      alice.onText(join.getBytes(StandardCharsets.UTF_8));
      bob.onText(join.getBytes(StandardCharsets.UTF_8));
    } else {
      alice.onText(join);
      bob.onText(join);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    aliceSocket.allowClose();
    bobSocket.allowClose();
    sessions.close();
    engine.close();
  }

  @Benchmark
  public void relay() {
    if (utf8) {
      alice.onText(frameUtf8.clone()); // the transport hands over a fresh array per frame
    } else {
      alice.onText(frame);
    }
  }
}
