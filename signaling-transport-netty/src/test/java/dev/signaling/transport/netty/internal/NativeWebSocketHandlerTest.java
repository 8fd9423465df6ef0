package dev.signaling.transport.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.Handshake;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.WebSocketOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native handler's buffers on a channel of its own (no socket): every incoming frame is
 * released whatever becomes of it, and what goes out is one pooled direct buffer holding exactly
 * the frame (its header and bytes: {@link TextFrames}), owned by the pipeline (released by
 * whoever writes it to the socket). Netty's own client-side decoder reads what was written.
 */
class NativeWebSocketHandlerTest {
  private static final int LIMIT = 2_000;

  private SignalingEngine engine;
  private NativeSessions sessions;
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<ByteBuf> incoming = new ArrayList<>();

  @BeforeEach
  void start() {
    engine = SignalingEngine.builder().build();
    sessions = NativeSessions.create(engine, WebSocketOptions.builder().maxTextMessageBytes(LIMIT).build());
  }

  @AfterEach
  void stop() {
    sessions.close();
    engine.close();
    for (EmbeddedChannel channel : channels) {
      channel.runPendingTasks();
      drain(channel);
      channel.finishAndReleaseAll();
    }
    for (ByteBuf buffer : incoming) {
      assertEquals(0, buffer.refCnt(), "an incoming frame's buffer was not released");
    }
  }

  private EmbeddedChannel open() {
    NativeWebSocketHandler handler = new NativeWebSocketHandler(sessions,
        new WebSocketServerHandshaker13("ws://localhost/signaling", null, WebSocketDecoderConfig.newBuilder().build()), Handshake.empty());
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    handler.opened();
    channels.add(channel);
    drain(channel); // the session's welcome
    return channel;
  }

  /** A frame as the decoder hands it on: its bytes in a pooled direct buffer. */
  private ByteBuf pooled(byte[] bytes) {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    incoming.add(buffer);
    return buffer;
  }

  private void send(EmbeddedChannel channel, String frame) {
    channel.writeInbound(new TextWebSocketFrame(pooled(frame.getBytes(StandardCharsets.UTF_8))));
  }

  /** The text frames written so far, released. */
  private static List<String> drain(EmbeddedChannel channel) {
    List<String> texts = new ArrayList<>();
    for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      if (out instanceof TextFrames.Encoded frame) {
        TextWebSocketFrame text = TextFramesTest.decode(frame.content().retain());
        texts.add(text.text());
        text.release();
      }
      io.netty.util.ReferenceCountUtil.release(out);
    }
    return texts;
  }

  private EmbeddedChannel[] pair() {
    EmbeddedChannel alice = open();
    EmbeddedChannel bob = open();
    send(alice, "{\"event\":\"create or join\",\"args\":[\"room\"]}");
    send(bob, "{\"event\":\"create or join\",\"args\":[\"room\"]}");
    drain(alice);
    drain(bob);
    return new EmbeddedChannel[] {alice, bob};
  }

  @Test
  void aRelayedMessageLeavesInAPooledDirectBufferOfExactlyItsBytesAndTheIncomingFrameIsReleased() {
    EmbeddedChannel[] pair = pair();
    String payload = "{\"sdp\":\"v=0 é 日本 😀 \\ud83d\\ude00\\r\\n\",\"p\":\"" + "x".repeat(1_000) + "\"}";
    ByteBuf in = pooled(("{\"event\":\"message\",\"args\":[" + payload + "]}").getBytes(StandardCharsets.UTF_8));

    pair[0].writeInbound(new TextWebSocketFrame(in));

    assertEquals(0, in.refCnt());
    ByteBuf frame = ((TextFrames.Encoded) pair[1].readOutbound()).content();
    assertTrue(frame.isDirect(), "written from a direct buffer: no copy on the way to the socket");
    assertEquals(1, frame.refCnt());
    assertNull(pair[1].readOutbound(), "the frame is one buffer, header and payload");
    TextWebSocketFrame out = TextFramesTest.decode(frame);
    try {
      ByteBuf content = out.content();
      byte[] actual = new byte[content.readableBytes()];
      content.getBytes(content.readerIndex(), actual);
      // The payload as sent, the sender's id, the event's number (resume is on by default).
      String pattern = java.util.regex.Pattern.quote("{\"event\":\"message\",\"args\":[" + payload + ",\"")
          + "[A-Za-z0-9_-]+" + java.util.regex.Pattern.quote("\"],\"seq\":") + "[0-9]+\\}";
      assertTrue(new String(actual, StandardCharsets.UTF_8).matches(pattern), out.text());
      assertEquals(out.text().getBytes(StandardCharsets.UTF_8).length, actual.length);
    } finally {
      out.release();
    }
    assertNull(pair[0].readOutbound(), "nothing goes back to the sender");
  }

  @Test
  void textThatIsNotUtf8ClosesWith1007AndItsFrameIsReleased() {
    EmbeddedChannel[] pair = pair();
    byte[] head = "{\"event\":\"message\",\"args\":[\"".getBytes(StandardCharsets.US_ASCII);
    byte[] bad = java.util.Arrays.copyOf(head, head.length + 6);
    bad[head.length] = (byte) 0xED; // a UTF-16 surrogate, never valid in UTF-8
    bad[head.length + 1] = (byte) 0xA0;
    bad[head.length + 2] = (byte) 0x80;
    System.arraycopy("\"]}".getBytes(StandardCharsets.US_ASCII), 0, bad, head.length + 3, 3);

    pair[0].writeInbound(new TextWebSocketFrame(pooled(bad)));

    CloseWebSocketFrame close = closeFrame(pair[0]);
    assertEquals(1007, close.statusCode());
    close.release();
    assertTrue(drain(pair[1]).stream().noneMatch(f -> f.startsWith("{\"event\":\"message\"")), "nothing relayed");
  }

  @Test
  void aFrameOverTheLimitClosesWith1009AndIsReleased() {
    EmbeddedChannel channel = open();

    send(channel, "{\"event\":\"message\",\"args\":[\"" + "é".repeat(LIMIT / 2) + "\"]}");

    CloseWebSocketFrame close = closeFrame(channel);
    assertEquals(1009, close.statusCode());
    close.release();
  }

  @Test
  void badJsonIsAnErrorEventAndTheConnectionStays() {
    EmbeddedChannel channel = open();

    send(channel, "{\"event\":");

    List<String> out = drain(channel);
    assertTrue(out.stream().anyMatch(f -> f.contains("invalid-json")), out.toString());
    assertTrue(channel.isActive());
  }

  @Test
  void aPingIsAnsweredWithItsOwnBytesAndReleased() {
    EmbeddedChannel channel = open();
    ByteBuf data = pooled(new byte[] {1, 2, 3});

    channel.writeInbound(new PingWebSocketFrame(data));

    PongWebSocketFrame pong = channel.readOutbound();
    assertEquals(3, pong.content().readableBytes());
    pong.release();
    assertEquals(0, data.refCnt());
    assertFalse(channel.outboundMessages().stream().anyMatch(m -> m instanceof CloseWebSocketFrame));
  }

  private static CloseWebSocketFrame closeFrame(EmbeddedChannel channel) {
    for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      if (out instanceof CloseWebSocketFrame close) {
        return close;
      }
      io.netty.util.ReferenceCountUtil.release(out);
    }
    throw new AssertionError("no close frame written");
  }
}
