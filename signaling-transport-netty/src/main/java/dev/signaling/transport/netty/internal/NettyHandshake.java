package dev.signaling.transport.netty.internal;

import dev.signaling.core.Handshake;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.Map;

/** The {@link Handshake} of a request on a Netty channel: path, query, address and headers. */
final class NettyHandshake {
  private NettyHandshake() {}

  /** {@code path} decoded, {@code rawQuery} as sent; the credential by the core's native rule. */
  static Handshake.Builder of(Channel channel, HttpRequest request, String path, String rawQuery) {
    Handshake.Builder handshake = Handshake.builder().path(path).rawQuery(rawQuery);
    if (channel.remoteAddress() instanceof InetSocketAddress remote) {
      handshake.remoteAddress(remote);
    }
    for (Map.Entry<String, String> header : request.headers()) {
      handshake.header(header.getKey(), header.getValue());
    }
    return handshake;
  }
}
