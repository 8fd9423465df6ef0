package dev.signaling.transport.netty.internal;

import dev.signaling.core.http.HttpLimits;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Every accepted connection starts as HTTP: TLS when the server has a certificate (HTTPS and WSS
 * on the one port), flush consolidation (the frames one batch of reads causes for a connection
 * leave in one write, and in one TLS record), the HTTP codec with the server's line and header limits, the
 * {@link HeaderDeadline}, {@code Expect: 100-continue}, an idle timer, and the {@link HttpRouter}.
 * A WebSocket upgrade swaps the HTTP part for frame handlers; TLS stays underneath.
 */
public final class ChannelSetup extends ChannelInitializer<SocketChannel> {
  static final String FLUSH = "flush";
  static final String DEADLINE = "deadline";
  static final String IDLE = "idle";
  static final String CONTINUE = "continue";
  static final String ROUTER = "router";

  private final Mounts mounts;
  private final SslContext tls;

  /** {@code tls} may be null: plain HTTP and WS. */
  public ChannelSetup(Mounts mounts, SslContext tls) {
    this.mounts = mounts;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    HttpLimits limits = mounts.limits();
    if (tls != null) {
      pipeline.addLast("tls", tls.newHandler(channel.alloc()));
    }
    // Flushes wait for the end of a read on this connection, and a flush from another connection's
    // read (a relayed message, a peer's join) for the end of the event loop's batch, as a task: all
    // a batch of reads sends one connection leaves in one write.
    pipeline.addLast(FLUSH, new FlushConsolidationHandler(
        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    // The request line and the headers each within maxHeaderBytes, as Grizzly's one header limit:
    // over it the codec hands on a failed request, which the router answers 414 or 431.
    pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxHeaderBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())));
    pipeline.addLast(DEADLINE, new HeaderDeadline(limits.headerTimeout()));
    pipeline.addLast(CONTINUE, new HttpServerExpectContinueHandler());
    pipeline.addLast(IDLE, new IdleStateHandler(0, 0, mounts.httpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    pipeline.addLast(ROUTER, new HttpRouter(mounts));
  }
}
