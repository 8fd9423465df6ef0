package dev.signaling.transport.netty.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.function.LongConsumer;

/**
 * Feeds a connection's send-queue gauge ({@code NativeSession#queued}, the core's seam) from
 * Netty's own count of the bytes it has not yet written to the socket ({@link
 * ChannelOutboundBuffer#totalPendingWriteBytes()}). Sampled after every flush that reaches the
 * socket (it sits below flush consolidation, whose held flushes are not a slow reader); while bytes wait,
 * an empty marker write follows them, and when it completes (everything before it has left) the
 * count is sampled again, so the gauge falls back to zero when a slow reader catches up. A reader
 * that keeps up costs one read of the count per flush and reports nothing.
 *
 * <p>Event-loop confined, like every handler of the channel.
 */
final class SendQueueMeter extends ChannelOutboundHandlerAdapter {
  private final LongConsumer queued;
  /** The pending bytes last reported. */
  private long reported;
  /** Whether a marker write is waiting behind the pending bytes. */
  private boolean watching;

  /** {@code queued} is told each change: + when bytes wait longer, - when they left. */
  SendQueueMeter(LongConsumer queued) {
    this.queued = queued;
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    ctx.flush();
    if (sample(ctx) > 0) {
      watch(ctx);
    }
  }

  /**
   * Flush consolidation above holds a batch's flushes; should the bytes written meanwhile pass the
   * high water mark (a sender's burst relayed within one read), they go out now, so that the
   * connection turns unwritable only when the socket does not take them: a slow reader, not a
   * held flush.
   */
  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
    ctx.write(message, promise);
    if (!ctx.channel().isWritable()) {
      flush(ctx);
    }
  }

  private long sample(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
    long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes(); // null once closed
    long delta = pending - reported;
    if (delta != 0) {
      reported = pending;
      queued.accept(delta);
    }
    return pending;
  }

  private void watch(ChannelHandlerContext ctx) {
    if (watching || !ctx.channel().isActive()) {
      return;
    }
    watching = true;
    ctx.write(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
      watching = false;
      // Not from inside the write that completed it: on the loop's next turn.
      ctx.executor().execute(() -> {
        if (sample(ctx) > 0) {
          watch(ctx);
        }
      });
    });
    ctx.flush();
  }
}
