package dev.signaling.bench.jmh;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.protocol.NativeCodec;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The native codec on a relayed {@code message}: decode the client's frame, encode the event the
 * other peer receives. Payload sizes of a small ICE candidate and a 1 KB / 4 KB SDP-like blob.
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main CodecBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {
  private static final Consumer<ServerEvent> NO_REPLIES = event -> { };

  @Param({"100", "1000", "4000"})
  public int payloadBytes;

  private final NativeCodec codec = new NativeCodec();
  private String frame;
  private ServerEvent.Message relayed;

  @Setup
  public void setUp() {
    String sdp = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n".repeat(Math.max(1, payloadBytes / 50));
    frame = "{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"" + sdp.substring(0, Math.min(sdp.length(), payloadBytes)) + "\"}]}";
    ClientEvent.Message decoded = (ClientEvent.Message) codec.decode(frame, NO_REPLIES);
    relayed = new ServerEvent.Message(decoded.payload(), "AAAAAAAAAAAAAAAAAAAAAA");
  }

  @Benchmark
  public ClientEvent decodeMessage() {
    return codec.decode(frame, NO_REPLIES);
  }

  @Benchmark
  public String encodeMessage() {
    return codec.encode(relayed);
  }

  @Benchmark
  public String decodeThenEncode() {
    RawJson payload = ((ClientEvent.Message) codec.decode(frame, NO_REPLIES)).payload();
    return codec.encode(new ServerEvent.Message(payload, "AAAAAAAAAAAAAAAAAAAAAA"));
  }
}
