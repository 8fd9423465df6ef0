package dev.signaling.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Writes whole HTTP answers, keeping the connection open when the request allowed it. Every
 * answer carries {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}
 * unless it sets its own.
 */
final class HttpReplies {
  private static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
  private static final String REFERRER_POLICY = "Referrer-Policy";

  private HttpReplies() {}

  /**
   * Writes {@code status} with {@code body} (not sent for HEAD) and {@code headers}, from any
   * thread; closes the connection afterwards unless {@code keepAlive}.
   */
  static void write(Channel channel, boolean keepAlive, boolean head, int status, String contentType,
      HttpHeaders headers, byte[] body) {
    ByteBuf content = head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(status), content);
    if (headers != null) {
      response.headers().set(headers);
    }
    if (!response.headers().contains(X_CONTENT_TYPE_OPTIONS)) {
      response.headers().set(X_CONTENT_TYPE_OPTIONS, "nosniff");
    }
    if (!response.headers().contains(REFERRER_POLICY)) {
      response.headers().set(REFERRER_POLICY, "no-referrer");
    }
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    if (keepAlive) {
      channel.writeAndFlush(response, channel.voidPromise());
    } else {
      channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  static void text(Channel channel, boolean keepAlive, int status, String text) {
    write(channel, keepAlive, false, status, "text/plain; charset=UTF-8", null, text.getBytes(StandardCharsets.UTF_8));
  }
}
