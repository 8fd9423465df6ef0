package dev.signaling.bench.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The bare Netty echo, the JVM's floor: each text frame goes back to its sender as it came (its
 * pooled buffer retained, no decoding), behind the same upgrade, pipeline and flush handling as
 * the signaling endpoints of {@code NettySignalingServer}.
 */
final class NettyEchoHandler extends ChannelInboundHandlerAdapter {

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof TextWebSocketFrame text) {
      ctx.writeAndFlush(text, ctx.voidPromise());
    } else {
      ReferenceCountUtil.release(message);
    }
  }
}
