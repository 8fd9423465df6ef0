package dev.signaling.transport.netty.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where Netty can load it (Linux), NIO elsewhere. */
public final class Transports {
  private Transports() {}

  /** True when this JVM serves with epoll. */
  public static boolean epoll() {
    return Epoll.isAvailable();
  }

  /** An event-loop group of {@code threads} (0: Netty's default) daemon threads. */
  public static EventLoopGroup eventLoopGroup(int threads) {
    IoHandlerFactory handler = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("signaling-netty", true), handler);
  }

  public static Class<? extends ServerSocketChannel> serverChannel() {
    return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
