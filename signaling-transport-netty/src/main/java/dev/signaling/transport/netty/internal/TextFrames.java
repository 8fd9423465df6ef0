package dev.signaling.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.function.Consumer;

/**
 * A server's text frame as one pooled buffer, its header right in front of its payload. Netty's
 * WebSocket encoder sends a frame over 1,024 bytes as two buffers (a header, then the payload):
 * one gathering {@code writev} per relayed 1 KB message where an echo makes one {@code send};
 * written here as one buffer. A server frame's header is fixed by RFC 6455 (section 5.2): FIN and
 * the text opcode, no mask, and a 7-, 16- or 64-bit length. Only for connections without
 * extensions, as every upgrade of this server is.
 *
 * <p>The frame travels the pipeline as an {@link Encoded} holder, which the HTTP encoder (still
 * there until the 101 is out) and the WebSocket encoder let by, and {@link #UNWRAP}, next to the
 * socket, hands on as the bytes it holds.
 */
final class TextFrames {
  /** The longest header: two bytes and a 64-bit length. */
  private static final int MAX_HEADER = 10;
  private static final int FIN_TEXT = 0x81;

  private TextFrames() {}

  /**
   * A frame whose payload {@code writer} writes into the buffer (at most {@code maxPayload}
   * bytes); the caller owns the buffer.
   */
  static Encoded frame(ByteBufAllocator alloc, int maxPayload, Consumer<ByteBuf> writer) {
    return new Encoded(bytes(alloc, maxPayload, writer));
  }

  /** The frame's bytes, header and payload. */
  static ByteBuf bytes(ByteBufAllocator alloc, int maxPayload, Consumer<ByteBuf> writer) {
    ByteBuf buf = alloc.ioBuffer(MAX_HEADER + maxPayload);
    try {
      buf.writerIndex(MAX_HEADER);
      writer.accept(buf);
      int length = buf.writerIndex() - MAX_HEADER;
      int start;
      if (length < 126) {
        start = MAX_HEADER - 2;
        buf.setByte(start + 1, length);
      } else if (length <= 0xFFFF) {
        start = MAX_HEADER - 4;
        buf.setByte(start + 1, 126);
        buf.setShort(start + 2, length);
      } else {
        start = 0;
        buf.setByte(start + 1, 127);
        buf.setLong(start + 2, length);
      }
      buf.setByte(start, FIN_TEXT);
      buf.readerIndex(start);
      return buf;
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
  }

  /** A frame already encoded: no encoder above the socket takes it for its own. */
  static final class Encoded extends DefaultByteBufHolder {
    Encoded(ByteBuf frame) {
      super(frame);
    }
  }

  /** Next to the socket: an {@link Encoded} frame goes on as its bytes. Stateless, shared. */
  static final ChannelOutboundHandler UNWRAP = new Unwrap();

  @ChannelHandler.Sharable
  private static final class Unwrap extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
      ctx.write(message instanceof Encoded frame ? frame.content() : message, promise);
    }
  }
}
