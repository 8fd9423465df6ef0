package dev.signaling.transport.netty.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.core.http.RequestPaths;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.transport.socketio.internal.ClientScript;
import dev.signaling.transport.socketio.internal.PollingRequest;
import dev.signaling.transport.socketio.internal.PollingRoute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each HTTP request of one connection: a WebSocket upgrade at the native path or an
 * Engine.IO path goes to {@link WebSocketUpgrade}; other Engine.IO requests are long-polling
 * (decided by the socketio module's {@code PollingTransport}); everything else goes to the
 * {@link HttpRoute}s. Bodies are collected as they arrive, bounded; nothing here blocks.
 *
 * <p>Before anything is routed: a request the codec could not decode gets 414 (request line too
 * long), 431 (headers too large, or too many) or 400, and a path that is not safe in any spelling
 * ({@link RequestPaths}) gets 404, each closing the connection.
 *
 * <p>Routes run on the server's route executor, never on the event loop (a route may read a
 * file): meanwhile the connection reads nothing more, and requests a client pipelined behind
 * are kept and routed in order after the answer.
 */
final class HttpRouter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);
  private static final byte[] CLIENT_SCRIPT = ClientScript.bytes();

  private final Mounts mounts;
  /** The request whose body is being collected, or null. */
  private BodyReader reading;
  /** Whether a route is answering off the event loop now. */
  private boolean routing;
  /** What the codec handed on while a route was answering, in order (retained). */
  private final ArrayDeque<Object> pipelined = new ArrayDeque<>();

  HttpRouter(Mounts mounts) {
    this.mounts = mounts;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (routing) {
      pipelined.add(message);
      return;
    }
    try {
      if (message instanceof io.netty.handler.codec.http.HttpRequest request) {
        onRequest(ctx, request);
      }
      if (message instanceof HttpContent content && reading != null) {
        onContent(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  private void onRequest(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest request) {
    reading = null;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        HttpReplies.text(ctx.channel(), false, 414, "request line over " + mounts.limits().maxHeaderBytes() + " bytes");
      } else if (cause instanceof TooLongHttpHeaderException) {
        HttpReplies.text(ctx.channel(), false, 431, "request headers over " + mounts.limits().maxHeaderBytes() + " bytes");
      } else {
        HttpReplies.text(ctx.channel(), false, 400, "malformed request");
      }
      return;
    }
    if (request.headers().size() > mounts.limits().maxHeaderCount()) {
      HttpReplies.text(ctx.channel(), false, 431, "more than " + mounts.limits().maxHeaderCount() + " request headers");
      return;
    }
    String uri = request.uri();
    int question = uri.indexOf('?');
    String rawPath = question < 0 ? uri : uri.substring(0, question);
    String rawQuery = question < 0 ? null : uri.substring(question + 1);
    Optional<String> decoded = RequestPaths.decode(rawPath);
    if (decoded.isEmpty()) {
      HttpReplies.text(ctx.channel(), false, 404, "not found");
      return;
    }
    String path = decoded.get();
    boolean upgrade = "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
    if (mounts.isNativePath(path)) {
      if (upgrade) {
        Handshake handshake = NettyHandshake.of(ctx.channel(), request, path, rawQuery).build();
        if (admitted(ctx, handshake)) {
          WebSocketUpgrade.toNative(ctx, request, mounts, handshake);
        }
      } else {
        HttpReplies.text(ctx.channel(), keepAlive, 426, "a WebSocket endpoint: upgrade required");
      }
      return;
    }
    Supplier<? extends ChannelHandler> raw = mounts.rawWebSocketAt(path);
    if (raw != null) {
      if (upgrade) {
        WebSocketUpgrade.toRaw(ctx, request, raw.get(), mounts.maxRequestBodyBytes());
      } else {
        HttpReplies.text(ctx.channel(), keepAlive, 426, "a WebSocket endpoint: upgrade required");
      }
      return;
    }
    EngineIoMount engineIo = mounts.engineIoAt(path);
    if (engineIo != null) {
      if (path.equals(engineIo.path() + ClientScript.FILE_NAME)) {
        HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpReplies.write(ctx.channel(), keepAlive, isHead(request), 200, ClientScript.CONTENT_TYPE, headers, CLIENT_SCRIPT);
      } else if (upgrade) {
        // Socket.IO's credential comes in the CONNECT packet, not the upgrade.
        Handshake handshake = NettyHandshake.of(ctx.channel(), request, path, rawQuery).credential(null).build();
        if (admitted(ctx, handshake)) {
          WebSocketUpgrade.toEngineIo(ctx, request, engineIo, rawQuery, handshake);
        }
      } else {
        poll(ctx, request, engineIo, path, rawQuery, keepAlive);
      }
      return;
    }
    long declared = HttpUtil.getContentLength(request, -1L);
    if (declared > mounts.maxRequestBodyBytes()) {
      HttpReplies.text(ctx.channel(), false, 413, "body too large");
      return;
    }
    reading = new RouteBody(request, path, rawQuery, keepAlive, mounts.maxRequestBodyBytes());
  }

  /**
   * Takes a place for a WebSocket under the engine's connection limits, released when the channel
   * closes; false (after answering 429 or 503 and closing) when there is none.
   */
  private boolean admitted(ChannelHandlerContext ctx, Handshake handshake) {
    ConnectionAdmission admission = mounts.admission();
    if (admission == null) {
      return true;
    }
    ConnectionAdmission.Admission outcome = admission.admit(admission.clientAddress(handshake));
    if (outcome instanceof ConnectionAdmission.Refused refused) {
      HttpReplies.text(ctx.channel(), false, refused.httpStatus(), refused.reason());
      return false;
    }
    ConnectionAdmission.Ticket ticket = ((ConnectionAdmission.Admitted) outcome).ticket();
    ctx.channel().closeFuture().addListener(closed -> ticket.release());
    return true;
  }

  private void poll(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest request,
      EngineIoMount mount, String path, String rawQuery, boolean keepAlive) {
    HttpHeaders headers = new DefaultHttpHeaders();
    PollingRoute route = mount.polling().route(new PollingRequest(request.method().name(),
        request.headers().get(HttpHeaderNames.ORIGIN), rawQuery, HttpUtil.getContentLength(request, -1L),
        () -> NettyHandshake.of(ctx.channel(), request, path, rawQuery).credential(null).build()),
        headers::set);
    if (route instanceof PollingRoute.Reply reply) {
      reply(ctx, keepAlive, headers, reply);
    } else if (route instanceof PollingRoute.HoldPoll hold) {
      new NettyHeldPoll(hold.session(), ctx.channel(), keepAlive, headers).hold();
    } else if (route instanceof PollingRoute.ReadBody read) {
      reading = new PollingBody(mount, read, keepAlive, headers);
    }
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    BodyReader reader = reading;
    reader.append(content.content());
    if (reader.overLimit()) {
      // Answer at once; the rest of the body is not read: the connection closes after the answer.
      reading = null;
      reader.completeOverLimit(ctx);
    } else if (content instanceof LastHttpContent) {
      reading = null;
      reader.complete(ctx);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      ctx.close(); // an HTTP connection idle past httpIdleTimeout (held polls answer well before)
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("HTTP connection {} failed", ctx.channel(), cause);
    ctx.close();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    for (Object message = pipelined.poll(); message != null; message = pipelined.poll()) {
      ReferenceCountUtil.release(message);
    }
  }

  /**
   * Answers {@code routed} with the routes on the route executor, the connection's reading
   * paused meanwhile; then, back on the event loop, routes what was pipelined behind it.
   */
  private void route(ChannelHandlerContext ctx, HttpRequest routed, boolean keepAlive) {
    routing = true;
    ctx.channel().config().setAutoRead(false);
    try {
      mounts.routeExecutor().execute(() -> {
        try {
          answer(ctx, routed, keepAlive);
        } finally {
          try {
            ctx.executor().execute(() -> resume(ctx));
          } catch (RejectedExecutionException stopped) {
            log.debug("Server stopped while routing {} {}", routed.method(), routed.path());
          }
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("No route thread free for {} {}", routed.method(), routed.path());
      HttpReplies.text(ctx.channel(), false, 503, "busy, try again");
      resume(ctx);
    }
  }

  private void resume(ChannelHandlerContext ctx) {
    routing = false;
    if (ctx.isRemoved()) {
      handlerRemoved(ctx); // the connection closed meanwhile: drop what it had pipelined
      return;
    }
    while (!routing && !pipelined.isEmpty()) {
      channelRead(ctx, pipelined.poll());
    }
    if (!routing) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** On the route executor: the first route's answer, else 404; 500 when a route fails. */
  private void answer(ChannelHandlerContext ctx, HttpRequest routed, boolean keepAlive) {
    HttpResponse answer = null;
    try {
      for (Map.Entry<String, HttpRoute> route : mounts.routes()) {
        if (matches(route.getKey(), routed.path())) {
          answer = route.getValue().handle(routed);
          if (answer != null) {
            break;
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("HTTP route failed for {} {}", routed.method(), routed.path(), e);
      HttpReplies.text(ctx.channel(), false, 500, "internal error");
      return;
    }
    if (answer == null) {
      HttpReplies.text(ctx.channel(), keepAlive, 404, "not found");
      return;
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    answer.headers().forEach(headers::set);
    HttpReplies.write(ctx.channel(), keepAlive, routed.isHead(), answer.status(), answer.contentType(), headers, answer.body());
  }

  private static boolean isHead(io.netty.handler.codec.http.HttpRequest request) {
    return request.method().name().equals("HEAD");
  }

  private static void reply(ChannelHandlerContext ctx, boolean keepAlive, HttpHeaders headers, PollingRoute.Reply reply) {
    HttpReplies.write(ctx.channel(), keepAlive, false, reply.status(),
        reply.body().isEmpty() ? null : PollingRoute.Reply.CONTENT_TYPE, headers, reply.bytes());
  }

  /** A request body being collected, at most {@code limit + 1} bytes of it. */
  private abstract static class BodyReader {
    private final int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int seen;

    BodyReader(int limit) {
      this.limit = limit;
    }

    final void append(ByteBuf content) {
      int room = limit + 1 - seen;
      int take = Math.min(room, content.readableBytes());
      if (take > 0) {
        body.write(ByteBufUtil.getBytes(content, content.readerIndex(), take), 0, take);
        seen += take;
      }
    }

    final byte[] bytes() {
      return body.toByteArray();
    }

    final boolean overLimit() {
      return seen > limit;
    }

    abstract void complete(ChannelHandlerContext ctx);

    /** The body went past the limit: answer (413) and close. */
    abstract void completeOverLimit(ChannelHandlerContext ctx);
  }

  /** A polling POST: its packets go to the session. */
  private static final class PollingBody extends BodyReader {
    private final EngineIoMount mount;
    private final PollingRoute.ReadBody read;
    private final boolean keepAlive;
    private final HttpHeaders headers;

    PollingBody(EngineIoMount mount, PollingRoute.ReadBody read, boolean keepAlive, HttpHeaders headers) {
      super(read.limit());
      this.mount = mount;
      this.read = read;
      this.keepAlive = keepAlive;
      this.headers = headers;
    }

    @Override
    void complete(ChannelHandlerContext ctx) {
      byte[] body = bytes();
      reply(ctx, keepAlive, headers, mount.polling().posted(read.session(), body, body.length));
    }

    @Override
    void completeOverLimit(ChannelHandlerContext ctx) {
      byte[] body = bytes();
      reply(ctx, false, headers, mount.polling().posted(read.session(), body, body.length));
    }
  }

  /** A request for the {@link HttpRoute}s. */
  private final class RouteBody extends BodyReader {
    private final io.netty.handler.codec.http.HttpRequest request;
    private final String path;
    private final String rawQuery;
    private final boolean keepAlive;

    RouteBody(io.netty.handler.codec.http.HttpRequest request, String path, String rawQuery, boolean keepAlive, int limit) {
      super(limit);
      this.request = request;
      this.path = path;
      this.rawQuery = rawQuery;
      this.keepAlive = keepAlive;
    }

    @Override
    void completeOverLimit(ChannelHandlerContext ctx) {
      HttpReplies.text(ctx.channel(), false, 413, "body too large");
    }

    @Override
    void complete(ChannelHandlerContext ctx) {
      Map<String, String> headers = new HashMap<>();
      for (Map.Entry<String, String> header : request.headers()) {
        headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
      }
      HttpRequest routed = new HttpRequest(request.method().name(), path, rawQuery, headers,
          (InetSocketAddress) ctx.channel().remoteAddress(), bytes());
      route(ctx, routed, keepAlive);
    }
  }

  static boolean matches(String mapping, String path) {
    if (mapping.endsWith("/*")) {
      String prefix = mapping.substring(0, mapping.length() - 1);
      return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
    }
    return mapping.equals(path);
  }
}
