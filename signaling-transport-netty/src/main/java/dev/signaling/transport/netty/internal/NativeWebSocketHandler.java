package dev.signaling.transport.netty.internal;

import dev.signaling.core.CloseReason;
import dev.signaling.core.Handshake;
import dev.signaling.core.transport.NativeSession;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.NativeSocket;
import dev.signaling.core.protocol.Utf8Frame;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.ReferenceCountUtil;

/**
 * One native-protocol WebSocket on Netty: frames in to its {@link NativeSession} (core), text
 * frames out in pooled buffers. A reader more than {@code maxQueuedBytes} behind (the channel's
 * high water mark) is closed with 1013 by the session's rule.
 */
final class NativeWebSocketHandler extends UpgradedHandler implements NativeSocket {
  private final NativeSessions sessions;
  private final WebSocketServerHandshaker handshaker;
  private final ServerClose serverClose = new ServerClose();
  /** The upgrade's handshake, dropped once the session has it. */
  private Handshake handshake;
  private volatile Channel channel;
  private NativeSession session;
  /** Send-queue changes seen before {@link #session} was set; on the event loop. */
  private long unreported;
  /** The close code and reason either side sent first; 1006 (abnormal) until then. */
  private volatile int closeCode = 1006;
  private volatile String closeReason = "";

  NativeWebSocketHandler(NativeSessions sessions, WebSocketServerHandshaker handshaker, Handshake handshake) {
    this.sessions = sessions;
    this.handshaker = handshaker;
    this.handshake = handshake;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  void opened() {
    session = sessions.open(this, handshake);
    handshake = null;
    if (unreported != 0) {
      session.queued(unreported);
      unreported = 0;
    }
    if (!channel.isActive()) {
      session.closed(closeCode, closeReason); // refused and closed while opening
    }
  }

  /** The send-queue gauge counts the bytes Netty has not yet written for this connection. */
  @Override
  ChannelHandler outbound() {
    return new SendQueueMeter(this::queued);
  }

  private void queued(long delta) {
    if (session != null) {
      session.queued(delta);
    } else {
      unreported += delta; // sent while the session was opening
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    try {
      if (session == null) {
        return; // the upgrade request's empty last content, read before the session opened
      }
      if (message instanceof CloseWebSocketFrame close) {
        noteClose(close.statusCode() < 0 ? 1005 : close.statusCode(), close.reasonText());
        if (!serverClose.answered(ctx.channel())) {
          handshaker.close(ctx.channel(), close.retain());
        }
      } else if (serverClose.started()) {
        return; // closing: read and drop what the client still sends until it answers
      } else if (message instanceof TextWebSocketFrame text) {
        session.onText(ByteBufUtil.getBytes(text.content())); // a fresh array: the session may keep it
      } else if (message instanceof BinaryWebSocketFrame) {
        session.onBinary();
      } else if (message instanceof PongWebSocketFrame) {
        session.onPong();
      } else if (message instanceof PingWebSocketFrame ping) {
        session.onPong(); // a client's ping shows it alive too
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (session != null) {
      session.closed(closeCode, closeReason);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(CloseReason.MESSAGE_TOO_BIG, "message over " + sessions.options().maxTextMessageBytes() + " bytes");
      return;
    }
    if (serverClose.started()) {
      return; // the writes queued behind a close frame that could not go out, failed by the cut
    }
    if (session != null) {
      session.sendFailed(cause);
    } else {
      ctx.close();
    }
  }

  @Override
  public void sendText(String frame) {
    Channel ch = channel;
    if (writable(ch)) {
      ch.writeAndFlush(
          TextFrames.frame(ch.alloc(), ByteBufUtil.utf8MaxBytes(frame), buf -> ByteBufUtil.writeUtf8(buf, frame)),
          ch.voidPromise());
    }
  }

  @Override
  public boolean writesUtf8() {
    return true;
  }

  /**
   * The frame's bytes copied once, straight into a pooled direct buffer (where the socket write
   * reads them) behind their frame header: a relayed payload goes from the sender's frame to this
   * one without another array, and leaves in one send.
   */
  @Override
  public void sendText(Utf8Frame frame) {
    Channel ch = channel;
    if (writable(ch)) {
      ch.writeAndFlush(TextFrames.frame(ch.alloc(), frame.length(), buf -> frame.writeTo(buf::writeBytes)),
          ch.voidPromise());
    }
  }

  private boolean writable(Channel ch) {
    if (!ch.isActive()) {
      return false;
    }
    if (!ch.isWritable()) {
      session.readerTooSlow();
      return false;
    }
    return true;
  }

  @Override
  public void sendPing() {
    Channel ch = channel;
    if (ch.isActive()) {
      ch.writeAndFlush(new PingWebSocketFrame(), ch.voidPromise());
    }
  }

  @Override
  public void close(CloseReason reason, String description) {
    Channel ch = channel;
    if (!ch.isActive()) {
      return;
    }
    noteClose(reason.code(), description);
    // Netty sends the close frame after the frames already written: what was relayed is kept
    // (the drain's closeAfterFlush); the connection closes when the client answers (ServerClose),
    // and the session ends as soon as the frame is out.
    serverClose.start(ch, new CloseWebSocketFrame(reason.code(), description),
        () -> {
          if (session != null) {
            session.closed(closeCode, closeReason);
          }
        });
  }

  private synchronized void noteClose(int code, String reason) {
    if (closeCode == 1006) {
      closeCode = code;
      closeReason = reason == null ? "" : reason;
    }
  }

  @Override
  public String id() {
    return channel.id().asShortText();
  }
}
