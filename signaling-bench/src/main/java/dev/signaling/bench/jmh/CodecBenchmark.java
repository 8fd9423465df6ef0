package dev.signaling.bench.jmh;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.protocol.NativeCodec;
import dev.signaling.core.protocol.Utf8Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The native codec on a relayed {@code message}: decode the client's frame, encode the event the
 * other peer receives. Payload sizes of a small ICE candidate and a 1 KB / 4 KB SDP-like blob.
 *
 * <p>Text ({@code decodeMessage}, {@code encodeMessage}, {@code decodeThenEncode}: the JSR-356
 * transport's path) and UTF-8 bytes ({@code ...Utf8}). The {@code nettyFrame...} pair is what the
 * Netty transport does per relayed message, from the incoming frame's pooled direct buffer to the
 * outgoing frame's: {@code ViaString} as it did before (buffer → String → decode → encode to a
 * String → UTF-8 into a pooled buffer), {@code ViaBytes} as it did in session 5 (buffer → byte[] →
 * decode as bytes → encode as bytes → pooled buffer, the copy the channel makes of a heap buffer),
 * {@code ViaFrame} as it does now (buffer → byte[] → decode → the frame's pieces copied once into a
 * pooled direct buffer).
 *
 * <p>Run: {@code java -cp signaling-bench/target/signaling-bench.jar org.openjdk.jmh.Main CodecBenchmark}
 */
public class CodecBenchmark extends AverageTimeBenchmark {
  private static final Consumer<ServerEvent> NO_REPLIES = event -> { };
  private static final String FROM = "AAAAAAAAAAAAAAAAAAAAAA";

  @Param({"100", "1000", "4000"})
  public int payloadBytes;

  private final NativeCodec codec = new NativeCodec();
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private String frame;
  private byte[] frameUtf8;
  private ByteBuf frameBuffer;
  private ServerEvent.Message relayed;
  private ServerEvent.Message relayedUtf8;

  @Setup
  public void setUp() {
    String sdp = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n".repeat(Math.max(1, payloadBytes / 50));
    frame = "{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"" + sdp.substring(0, Math.min(sdp.length(), payloadBytes)) + "\"}]}";
    frameUtf8 = frame.getBytes(StandardCharsets.UTF_8);
    frameBuffer = alloc.directBuffer(frameUtf8.length).writeBytes(frameUtf8);
    ClientEvent.Message decoded = (ClientEvent.Message) codec.decode(frame, NO_REPLIES);
    relayed = new ServerEvent.Message(decoded.payload(), FROM);
    ClientEvent.Message decodedUtf8 = (ClientEvent.Message) codec.decode(frameUtf8.clone(), NO_REPLIES);
    relayedUtf8 = new ServerEvent.Message(decodedUtf8.payload(), FROM);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    frameBuffer.release();
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
    return codec.encode(new ServerEvent.Message(payload, FROM));
  }

  @Benchmark
  public ClientEvent decodeMessageUtf8() {
    return codec.decode(frameUtf8.clone(), NO_REPLIES); // the transport hands over a fresh array
  }

  @Benchmark
  public byte[] encodeMessageUtf8() {
    // A new event each time: the codec reuses the bytes of the event it encoded last.
    return codec.encodeUtf8(new ServerEvent.Message(relayedUtf8.payload(), FROM));
  }

  @Benchmark
  public byte[] decodeThenEncodeUtf8() {
    RawJson payload = ((ClientEvent.Message) codec.decode(frameUtf8.clone(), NO_REPLIES)).payload();
    return codec.encodeUtf8(new ServerEvent.Message(payload, FROM));
  }

  /** The Netty transport before: frame buffer → String → decode, encode → String → UTF-8 in a pooled buffer. */
  @Benchmark
  public int nettyFrameViaString() {
    String text = frameBuffer.toString(StandardCharsets.UTF_8);
    RawJson payload = ((ClientEvent.Message) codec.decodeNumbered(text, NO_REPLIES).event()).payload();
    ByteBuf out = ByteBufUtil.writeUtf8(alloc, codec.encode(new ServerEvent.Message(payload, FROM)));
    int size = out.readableBytes();
    out.release();
    return size;
  }

  /** The Netty transport now: frame buffer → byte[] → decode, encode → byte[] → copied into a pooled direct buffer. */
  @Benchmark
  public int nettyFrameViaBytes() {
    byte[] bytes = ByteBufUtil.getBytes(frameBuffer);
    RawJson payload = ((ClientEvent.Message) codec.decodeNumbered(bytes, NO_REPLIES).event()).payload();
    ByteBuf wrapped = Unpooled.wrappedBuffer(codec.encodeUtf8(new ServerEvent.Message(payload, FROM)));
    ByteBuf out = alloc.directBuffer(wrapped.readableBytes()).writeBytes(wrapped);
    wrapped.release();
    int size = out.readableBytes();
    out.release();
    return size;
  }

  /**
   * The Netty transport now: frame buffer → byte[] → decode; the event's frame written in pieces
   * (prefix, the payload's bytes from that array, sender) straight into a pooled direct buffer.
   */
  @Benchmark
  public int nettyFrameViaFrame() {
    byte[] bytes = ByteBufUtil.getBytes(frameBuffer);
    RawJson payload = ((ClientEvent.Message) codec.decodeNumbered(bytes, NO_REPLIES).event()).payload();
    Utf8Frame frame = codec.encodeFrame(new ServerEvent.Message(payload, FROM));
    ByteBuf out = alloc.ioBuffer(frame.length());
    frame.writeTo(out::writeBytes);
    int size = out.readableBytes();
    out.release();
    return size;
  }
}
