package dev.signaling.transport.netty.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.transport.NativeSessions;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts or refuses a WebSocket upgrade with Netty's handshaker: the Origin is checked by the
 * mount's own policy first (403), then the HTTP handlers leave the pipeline and frame handlers
 * take their place: a frame aggregator (fragmented messages, bounded by the mount's limit) and
 * the protocol's handler.
 */
final class WebSocketUpgrade {
  private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

  private WebSocketUpgrade() {}

  static void toNative(ChannelHandlerContext ctx, HttpRequest request, Mounts mounts, Handshake handshake) {
    NativeSessions sessions = mounts.nativeSessions();
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (!sessions.options().originPolicy().test(origin)) {
      log.debug("Refused WebSocket upgrade from origin {}", origin);
      HttpReplies.text(ctx.channel(), false, 403, "origin not allowed");
      return;
    }
    int limit = sessions.options().maxTextMessageBytes();
    upgrade(ctx, request, limit, handshaker -> new NativeWebSocketHandler(sessions, handshaker, handshake));
  }

  static void toEngineIo(ChannelHandlerContext ctx, HttpRequest request, EngineIoMount mount, String rawQuery,
      Handshake handshake) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (!mount.registry().allowsWebSocketOrigin(origin)) {
      log.debug("Refused WebSocket upgrade from origin {}", origin);
      HttpReplies.text(ctx.channel(), false, 403, "origin not allowed");
      return;
    }
    int limit = mount.registry().config().maxPayload();
    upgrade(ctx, request, limit, handshaker -> new EngineIoWebSocketHandler(mount.registry(), rawQuery, handshaker, handshake));
  }

  /** A raw handler of the application's: it gets every frame, aggregated up to {@code maxMessageBytes}. */
  static void toRaw(ChannelHandlerContext ctx, HttpRequest request, ChannelHandler handler, int maxMessageBytes) {
    upgrade(ctx, request, maxMessageBytes, handshaker -> handler);
  }

  private static void upgrade(ChannelHandlerContext ctx, HttpRequest request, int maxMessageBytes,
      Function<WebSocketServerHandshaker, ChannelHandler> handlerFor) {
    String scheme = ctx.pipeline().get(SslHandler.class) != null ? "wss://" : "ws://";
    String location = scheme + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
    WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(location, null,
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxMessageBytes)
            .allowExtensions(false)
            .closeOnProtocolViolation(true)
            .build());
    WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    // The upgrade GET has no body: hand the handshaker a full request of the same headers.
    FullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri());
    full.headers().set(request.headers());
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(ChannelSetup.DEADLINE);
    pipeline.remove(ChannelSetup.IDLE);
    pipeline.remove(ChannelSetup.CONTINUE);
    ChannelHandler handler = handlerFor.apply(handshaker);
    pipeline.addAfter(ChannelSetup.ROUTER, "ws-aggregator", new WebSocketFrameAggregator(maxMessageBytes));
    pipeline.addAfter("ws-aggregator", "ws", handler);
    // Frames the protocols encode themselves (TextFrames) become bytes next to the socket.
    pipeline.addBefore(ChannelSetup.FLUSH, "ws-frames", TextFrames.UNWRAP);
    ChannelHandler outbound = handler instanceof UpgradedHandler upgraded ? upgraded.outbound() : null;
    if (outbound != null) {
      // Below flush consolidation, next to the socket: it sees the flushes that reach the socket.
      pipeline.addBefore(ChannelSetup.FLUSH, "ws-outbound", outbound);
    }
    ChannelFuture handshake;
    try {
      handshake = handshaker.handshake(ctx.channel(), full);
    } finally {
      full.release();
    }
    pipeline.remove(ChannelSetup.ROUTER);
    // The 101 is queued ahead, and the WebSocket encoder in place: the protocol may write now.
    if (handler instanceof UpgradedHandler upgraded) {
      upgraded.opened();
    }
    handshake.addListener(done -> {
      if (!done.isSuccess()) {
        log.debug("WebSocket handshake failed on {}", ctx.channel(), done.cause());
        ctx.channel().close();
      }
    });
  }
}
