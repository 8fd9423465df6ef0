package dev.signaling.bench.jmh;

import dev.signaling.core.IceServer;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.ice.IceConfiguration;
import dev.signaling.core.ice.TurnRestIceServers;
import dev.signaling.core.protocol.NativeCodec;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * What time-limited TURN credentials cost per connection: signing one answer (HMAC-SHA1 over the
 * username, base64), and that plus the {@code ice-servers} frame the connection receives.
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main IceServersBenchmark}
 */
public class IceServersBenchmark extends AverageTimeBenchmark {
  private final TurnRestIceServers turn = TurnRestIceServers.builder()
      .turnUrls(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349?transport=tcp"))
      .secret("a-secret-of-a-realistic-length-32b")
      .otherServers(List.of(IceServer.of("stun:turn.example.org:3478")))
      .build();
  private final NativeCodec codec = new NativeCodec();

  @Benchmark
  public IceConfiguration issue() {
    return turn.issue("AAAAAAAAAAAAAAAAAAAAAA");
  }

  @Benchmark
  public String issueAndEncode() {
    return codec.encode(new ServerEvent.IceServers(turn.issue("AAAAAAAAAAAAAAAAAAAAAA")));
  }
}
