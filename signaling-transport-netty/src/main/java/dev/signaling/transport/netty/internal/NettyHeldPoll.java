package dev.signaling.transport.netty.internal;

import dev.signaling.transport.socketio.internal.EngineIoSession;
import dev.signaling.transport.socketio.internal.HeldPoll;
import dev.signaling.transport.socketio.internal.PollingRoute;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * A long-polling GET held open on a Netty channel, no thread waiting on it: its session answers
 * it from any thread; a connection that closes first abandons it.
 */
final class NettyHeldPoll extends HeldPoll {
  private final Channel channel;
  private final boolean keepAlive;
  private final HttpHeaders headers;
  private final ChannelFutureListener onClose = closed -> cancelled();

  NettyHeldPoll(EngineIoSession session, Channel channel, boolean keepAlive, HttpHeaders headers) {
    super(session);
    this.channel = channel;
    this.keepAlive = keepAlive;
    this.headers = headers;
  }

  void hold() {
    channel.closeFuture().addListener(onClose);
    start();
  }

  @Override
  protected void write(PollingRoute.Reply reply) {
    channel.closeFuture().removeListener(onClose);
    HttpReplies.write(channel, keepAlive, false, reply.status(),
        reply.body().isEmpty() ? null : PollingRoute.Reply.CONTENT_TYPE, headers, reply.bytes());
  }
}
