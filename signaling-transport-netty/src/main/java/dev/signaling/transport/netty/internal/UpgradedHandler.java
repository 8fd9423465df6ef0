package dev.signaling.transport.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** A protocol's handler for an upgraded connection; {@link #opened()} runs once the 101 is written out. */
abstract class UpgradedHandler extends ChannelInboundHandlerAdapter {

  /** On the event loop, right after the handshake response: the protocol may send from now on. */
  abstract void opened();

  /** A handler the upgrade puts on the outbound path next to the socket (a meter), or null. */
  ChannelHandler outbound() {
    return null;
  }
}
