package dev.signaling.transport.netty.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Every accepted connection starts as HTTP: flush consolidation (the frames a read causes on its
 * own connection leave in one write), the HTTP codec, {@code Expect: 100-continue}, an idle
 * timer, and the {@link HttpRouter}. A WebSocket upgrade swaps the HTTP part for frame handlers.
 */
public final class ChannelSetup extends ChannelInitializer<SocketChannel> {
  static final String IDLE = "idle";
  static final String CONTINUE = "continue";
  static final String ROUTER = "router";

  private final Mounts mounts;

  public ChannelSetup(Mounts mounts) {
    this.mounts = mounts;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("flush", new FlushConsolidationHandler(
        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
    pipeline.addLast("http", new HttpServerCodec());
    pipeline.addLast(CONTINUE, new HttpServerExpectContinueHandler());
    pipeline.addLast(IDLE, new IdleStateHandler(0, 0, mounts.httpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    pipeline.addLast(ROUTER, new HttpRouter(mounts));
  }
}
