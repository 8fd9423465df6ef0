package dev.signaling.bench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare Netty relay, a second floor beside the echo: the shape of a signaling relay with no
 * signaling in it. Two connections become partners when they send the same first frame (the
 * generator's {@code create or join} for one room: the bytes are compared, never parsed); each
 * gets the canned answers the generator waits for; from then on every text frame is forwarded to
 * the partner as it came (its pooled buffer retained). Unlike the echo, the frame leaves on
 * another connection than it came in on, as a relayed message does.
 */
final class NettyRelayHandler extends ChannelInboundHandlerAdapter {
  private static final AttributeKey<Channel> PARTNER = AttributeKey.valueOf("relay-partner");
  private static final String CREATED = "{\"event\":\"created\",\"args\":[\"relay\",\"a\"]}";
  private static final String JOINED = "{\"event\":\"joined\",\"args\":[\"relay\",\"b\"]}";
  private static final String READY = "{\"event\":\"ready\",\"args\":[]}";

  /** First frames of connections still waiting for a partner; shared by the endpoint's handlers. */
  private final Map<String, Channel> waiting;
  private boolean paired;

  NettyRelayHandler(Map<String, Channel> waiting) {
    this.waiting = waiting;
  }

  static java.util.function.Supplier<NettyRelayHandler> factory() {
    Map<String, Channel> waiting = new ConcurrentHashMap<>();
    return () -> new NettyRelayHandler(waiting);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (!(message instanceof TextWebSocketFrame text)) {
      ReferenceCountUtil.release(message);
      return;
    }
    Channel partner = ctx.channel().attr(PARTNER).get();
    if (partner != null) {
      partner.writeAndFlush(text, partner.voidPromise());
      return;
    }
    if (paired) {
      text.release(); // the partner has gone
      return;
    }
    paired = true;
    ByteBuf content = text.content();
    String key = content.toString(StandardCharsets.UTF_8);
    text.release();
    Channel first = waiting.remove(key);
    if (first == null) {
      waiting.put(key, ctx.channel());
      send(ctx.channel(), CREATED);
      return;
    }
    first.attr(PARTNER).set(ctx.channel());
    ctx.channel().attr(PARTNER).set(first);
    send(ctx.channel(), JOINED);
    send(first, READY);
    send(ctx.channel(), READY);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    waiting.values().remove(ctx.channel());
    ctx.fireChannelInactive();
  }

  private static void send(Channel channel, String frame) {
    channel.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), frame)), channel.voidPromise());
  }
}
