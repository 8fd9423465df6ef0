package dev.signaling.transport.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames written by {@link TextFrames}, read back by Netty's own decoder as a client reads them. */
class TextFramesTest {

  /** Netty's decoder for what a server sends (unmasked); releases {@code frame}. */
  static TextWebSocketFrame decode(ByteBuf frame) {
    EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
    client.writeInbound(frame);
    TextWebSocketFrame text = client.readInbound();
    assertNull(client.readInbound(), "one frame, nothing after it");
    client.finishAndReleaseAll();
    return text;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 1_024, 1_025, 65_535, 65_536, 100_000})
  void everyLengthClassDecodesToTheSameText(int length) {
    String payload = "é".repeat(length / 2) + "x".repeat(length % 2);
    byte[] utf8 = payload.getBytes(StandardCharsets.UTF_8);

    // Room for more than is written, as for a string's maximal UTF-8 size.
    ByteBuf frame = TextFrames.bytes(ByteBufAllocator.DEFAULT, utf8.length + 7, buf -> buf.writeBytes(utf8));

    int header = length < 126 ? 2 : length <= 65_535 ? 4 : 10;
    assertEquals(header + utf8.length, frame.readableBytes());
    TextWebSocketFrame text = decode(frame);
    assertEquals(payload, text.text());
    text.release();
  }

  @Test
  void aFailingWriterReleasesTheBuffer() {
    ByteBuf[] seen = new ByteBuf[1];
    assertThrows(IllegalStateException.class, () -> TextFrames.bytes(ByteBufAllocator.DEFAULT, 10, buf -> {
      seen[0] = buf;
      throw new IllegalStateException("boom");
    }));
    assertEquals(0, seen[0].refCnt());
  }

  @Test
  void anEncodedFramePassesTheHttpEncoderStillInPlaceBehindThe101AndLeavesAsItsBytes() {
    // As in an upgrade: the HTTP codec leaves only once the 101 is out, and the protocol's first
    // frame (the native welcome) is written right behind it.
    EmbeddedChannel channel = new EmbeddedChannel(TextFrames.UNWRAP, new HttpResponseEncoder());
    channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS));
    TextFrames.Encoded welcome = TextFrames.frame(ByteBufAllocator.DEFAULT, 5,
        buf -> buf.writeCharSequence("hello", StandardCharsets.UTF_8));
    ByteBuf bytes = welcome.content();

    channel.writeOutbound(welcome);

    ByteBuf response = channel.readOutbound();
    assertTrue(response.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"));
    response.release();
    Object out = channel.readOutbound();
    while (out instanceof ByteBuf empty && empty.readableBytes() == 0 && empty != bytes) {
      empty.release(); // the encoder's end of the response
      out = channel.readOutbound();
    }
    assertSame(bytes, out, "the frame's own buffer, untouched");
    assertEquals("hello", decode((ByteBuf) out).text());
    assertFalse(channel.finishAndReleaseAll());
  }
}
