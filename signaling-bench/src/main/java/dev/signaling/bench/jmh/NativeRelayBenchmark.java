package dev.signaling.bench.jmh;

import dev.signaling.core.CloseReason;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.protocol.Utf8Frame;
import dev.signaling.core.transport.NativeSession;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.NativeSocket;
import dev.signaling.core.transport.WebSocketOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * One relayed message through everything the native protocol adds to a bare WebSocket echo,
 * without the network: a frame into one {@link NativeSession} (size check, UTF-8 check, decode,
 * rate limit, the peer's ordered steps, the room manager, the in-memory backend) and the encoded
 * frame out of its partner's, as the bench server is configured (rooms of two, no rate limit).
 * {@code text}: the JSR-356 path (a String in, Strings out); {@code utf8}: the Netty path (bytes
 * in, the frame written into a pooled direct buffer). The generator's 1 KB payload.
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main NativeRelayBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class NativeRelayBenchmark {

  @Param({"text", "utf8"})
  public String path;

  private SignalingEngine engine;
  private NativeSessions sessions;
  private NativeSession alice;
  private String frame;
  private byte[] frameUtf8;
  private boolean utf8;

  /** Set before the engine closes the sessions at the end. */
  private volatile boolean stopping;

  /** Hands what the session writes to a blackhole. */
  private final class Sink implements NativeSocket {
    private final boolean utf8;
    private final Blackhole out;

    Sink(boolean utf8, Blackhole out) {
      this.utf8 = utf8;
      this.out = out;
    }

    @Override
    public boolean writesUtf8() {
      return utf8;
    }

    @Override
    public void sendText(String text) {
      out.consume(text);
    }

    /** As the Netty transport writes a frame: its pieces copied into a pooled direct buffer (released here). */
    @Override
    public void sendText(Utf8Frame frame) {
      ByteBuf buffer = ByteBufAllocator.DEFAULT.ioBuffer(frame.length());
      frame.writeTo(buffer::writeBytes);
      out.consume(buffer.readableBytes());
      buffer.release();
    }

    @Override
    public void sendPing() {}

    @Override
    public void close(CloseReason reason, String description) {
      if (!stopping) {
        throw new IllegalStateException("closed while measuring: " + reason + " " + description);
      }
    }

    @Override
    public String id() {
      return "bench";
    }
  }

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    engine = SignalingEngine.builder().config(SignalingConfig.builder().roomCapacity(2).clientLogging(false)
        .ipAddrAnswers(false).rateLimit(RateLimit.UNLIMITED).build()).build();
    sessions = NativeSessions.create(engine, WebSocketOptions.DEFAULT);
    utf8 = path.equals("utf8");
    alice = sessions.open(new Sink(utf8, blackhole));
    NativeSession bob = sessions.open(new Sink(utf8, blackhole));
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
    stopping = true;
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
