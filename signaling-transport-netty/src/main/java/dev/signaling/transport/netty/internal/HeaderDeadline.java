package dev.signaling.transport.netty.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a connection that does not finish sending a request's head in time (slowloris): from
 * when it opens, and again from when a response has been written on it, the next request's line
 * and headers must be decoded within {@code timeout}. Sits right after the HTTP codec, so "head
 * complete" is the codec's own {@link HttpRequest}; a client trickling bytes cannot extend it (an
 * idle timer would be reset by every byte). An idle keep-alive connection is dropped the same
 * way. Held long-polls wait for a response, not for headers; a WebSocket upgrade removes this
 * handler with the rest of the HTTP pipeline.
 *
 * <p>Event-loop confined: the timer is the channel's own scheduled task.
 */
final class HeaderDeadline extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

  private final long timeoutNanos;
  private ScheduledFuture<?> timer;
  /**
   * Whether the response being written is informational: a 101 (the connection leaves HTTP after
   * it) or a 100 Continue (the request's body comes next, not a head).
   */
  private boolean informational;

  HeaderDeadline(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof HttpRequest) {
      disarm(); // the head is complete (or the codec gave up on it: the router answers 4xx and closes)
    }
    ctx.fireChannelRead(message);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
    if (message instanceof HttpResponse response) {
      informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
    if (message instanceof LastHttpContent && !informational) {
      arm(ctx); // the next request's head is due
    }
    ctx.write(message, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    timer = ctx.executor().schedule(() -> {
      if (ctx.channel().isOpen()) {
        log.debug("Dropping {}: no complete request head within {} ms", ctx.channel(), timeoutNanos / 1_000_000);
        ctx.channel().close();
      }
    }, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
