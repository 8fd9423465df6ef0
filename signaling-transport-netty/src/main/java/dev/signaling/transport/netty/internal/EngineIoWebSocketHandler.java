package dev.signaling.transport.netty.internal;

import dev.signaling.core.Handshake;
import dev.signaling.transport.socketio.internal.EngineIoSession;
import dev.signaling.transport.socketio.internal.OutboundPacket;
import dev.signaling.transport.socketio.internal.OutboundQueue;
import dev.signaling.transport.socketio.internal.SessionRegistry;
import dev.signaling.transport.socketio.internal.WebSocketChannel;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO WebSocket on Netty as the session layer's {@link WebSocketChannel}: packets are
 * queued under the session's lock and written by the event loop while the channel is writable;
 * a queue past {@code maxQueuedBytes} closes the connection (1008), as on JSR-356.
 */
final class EngineIoWebSocketHandler extends UpgradedHandler implements WebSocketChannel {
  private static final Logger log = LoggerFactory.getLogger(EngineIoWebSocketHandler.class);

  private final SessionRegistry registry;
  private final WebSocketServerHandshaker handshaker;
  /** The upgrade's query and handshake, dropped once the session has them. */
  private String rawQuery;
  private Handshake handshake;
  private final OutboundQueue queue;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final ServerClose serverClose = new ServerClose();
  private final Runnable drainTask = this::drainFromTask;
  private volatile CloseWebSocketFrame closeWhenDrained;
  private volatile boolean broken;
  private volatile Channel channel;
  private EngineIoSession session;

  EngineIoWebSocketHandler(SessionRegistry registry, String rawQuery, WebSocketServerHandshaker handshaker,
      Handshake handshake) {
    this.registry = registry;
    this.rawQuery = rawQuery;
    this.handshaker = handshaker;
    this.handshake = handshake;
    this.queue = new OutboundQueue(registry.config().maxQueuedBytes());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  /** Runs once the 101 is written: opens or upgrades the session (its first frame follows the 101). */
  @Override
  void opened() {
    SessionRegistry.WebSocketOpening opening = registry.acceptWebSocket(rawQuery, this, handshake);
    rawQuery = null;
    handshake = null;
    if (opening.refusal() != null) {
      close(1002, opening.refusal());
      return;
    }
    session = opening.session(); // null when the engine drains: the channel is closing (1012)
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    try {
      EngineIoSession current = session;
      if (message instanceof CloseWebSocketFrame close) {
        if (!serverClose.answered(ctx.channel())) {
          handshaker.close(ctx.channel(), close.retain());
        }
      } else if (serverClose.started()) {
        return; // closing: read and drop what the client still sends until it answers
      } else if (message instanceof TextWebSocketFrame text) {
        if (current != null) {
          current.webSocketText(this, text.content().toString(StandardCharsets.UTF_8));
        }
      } else if (message instanceof BinaryWebSocketFrame binary) {
        if (current != null) {
          current.webSocketBinary(this, ByteBufUtil.getBytes(binary.content()));
        }
      } else if (message instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      drain();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ended();
  }

  /** The connection is over for the session: closed, or its close frame is out. Idempotent. */
  private void ended() {
    broken = true;
    queue.clear();
    EngineIoSession current = session;
    if (current != null) {
      current.webSocketClosed(this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(1009, "message over maxPayload");
      return;
    }
    log.debug("Engine.IO WebSocket {} failed", ctx.channel(), cause);
    broken = true;
    queue.clear();
    ctx.close();
  }

  @Override
  public void enqueue(OutboundPacket packet) {
    if (broken || closeWhenDrained != null) {
      return;
    }
    if (!queue.offer(packet)) {
      broken = true;
      closeWhenDrained = new CloseWebSocketFrame(1008, "send queue overflow");
    }
  }

  @Override
  public void onQueuedChange(LongConsumer change) {
    queue.onChange(change);
  }

  /**
   * Drains in a task of the channel's event loop, once per batch: called on the loop (while it
   * reads some connection), the task runs after the loop has handled every connection that was
   * ready, so all packets one batch of reads queued for this connection (a join's {@code join}
   * and {@code ready} for the room's other member, say) leave in one write and one flush instead
   * of one flush each.
   */
  @Override
  public void flush() {
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(drainTask);
    }
  }

  @Override
  public void close(int code, String reason) {
    if (closeWhenDrained == null) {
      closeWhenDrained = new CloseWebSocketFrame(code, reason.length() > 100 ? reason.substring(0, 100) : reason);
    }
    flush();
  }

  private void drainFromTask() {
    drainScheduled.set(false);
    drain();
  }

  /**
   * A text packet in UTF-8, its type digit then its data, as one text frame in one pooled buffer
   * (the data not copied to a string first).
   */
  private static TextFrames.Encoded textFrame(Channel ch, OutboundPacket packet) {
    String data = packet.data();
    return TextFrames.frame(ch.alloc(), 1 + ByteBufUtil.utf8MaxBytes(data), buffer -> {
      buffer.writeByte(packet.type());
      ByteBufUtil.writeUtf8(buffer, data);
    });
  }

  /** On the event loop only: writes queued packets while the channel takes them, then one flush. */
  private void drain() {
    Channel ch = channel;
    boolean wrote = false;
    while (!broken && ch.isWritable()) {
      OutboundPacket packet = queue.poll();
      if (packet == null) {
        break;
      }
      ch.write(packet.isBinary()
          ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(packet.binary()))
          : textFrame(ch, packet), ch.voidPromise());
      wrote = true;
    }
    if (wrote) {
      ch.flush();
    }
    CloseWebSocketFrame close = closeWhenDrained;
    if (close != null && (broken || queue.isEmpty()) && !serverClose.started()) {
      broken = true; // nothing is written after the close frame
      // The connection closes when the client answers (ServerClose), or within its bounds.
      serverClose.start(ch, close, this::ended);
    }
  }
}
