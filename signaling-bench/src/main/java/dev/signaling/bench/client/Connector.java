package dev.signaling.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens generator connections with Netty (epoll where available), a few event-loop threads for
 * thousands of connections. Spreads connections over source addresses 127.0.0.2, 127.0.0.3, …
 * so one address's ~28,000 ephemeral ports do not cap a run. Loopback servers only.
 */
public final class Connector implements AutoCloseable {
  private static final int MAX_FRAME = 1 << 20;

  private final List<URI> uris = new ArrayList<>();
  private final Dialect dialect;
  private final MultiThreadIoEventLoopGroup group;
  private final Class<? extends SocketChannel> channelType;
  private final List<InetAddress> sources;
  private final List<EventLoop> loops = new ArrayList<>();
  private boolean resumable;

  /**
   * @param host the server's address: must be a loopback address
   * @param sourceAddresses how many of 127.0.0.2, 127.0.0.3, … to spread connections over; 0 for
   *     the kernel's choice
   */
  public Connector(String host, int port, Dialect dialect, int threads, int sourceAddresses) {
    this(host, List.of(port), dialect, threads, sourceAddresses);
  }

  /**
   * Connects client {@code i} to {@code ports[i % ports.size()]}: with the ports of several
   * cluster nodes, the two peers of pair {@code i/2} land on different nodes.
   */
  public Connector(String host, List<Integer> ports, Dialect dialect, int threads, int sourceAddresses) {
    InetAddress server;
    try {
      server = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
    if (!server.isLoopbackAddress()) {
      throw new IllegalArgumentException("the generator only targets loopback addresses, not " + host);
    }
    String h = host.contains(":") ? "[" + host + "]" : host;
    for (int port : ports) {
      uris.add(URI.create("ws://" + h + ":" + port + dialect.path()));
    }
    this.dialect = dialect;
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads, io);
    this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    group.forEach(executor -> loops.add((EventLoop) executor));
    this.sources = new ArrayList<>();
    for (int i = 0; i < sourceAddresses; i++) {
      try {
        sources.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) ((2 + i) >> 8), (byte) ((2 + i) & 0xff)}));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** New connections keep a {@link ResumeSession} (native protocol against a server with resume on). */
  public Connector resumable(boolean on) {
    if (on && !(dialect instanceof NativeDialect)) {
      throw new IllegalArgumentException("resume is implemented for the native protocol only");
    }
    this.resumable = on;
    return this;
  }

  public URI uri() {
    return uris.get(0);
  }

  public int loopCount() {
    return loops.size();
  }

  public EventLoop loop(int i) {
    return loops.get(Math.floorMod(i, loops.size()));
  }

  /** Connects client {@code index} on {@code loop}; the future completes when it is ready for events. */
  public CompletableFuture<BenchClient> connect(int index, EventLoop loop, ClientListener listener) {
    return connect(index, loop, listener, null);
  }

  /**
   * With {@link #resumable}, a new session; with {@code resume}, resumes that session (native
   * protocol, {@code ?resume=&seq=}) on a new connection.
   */
  public CompletableFuture<BenchClient> connect(int index, EventLoop loop, ClientListener listener, ResumeSession resume) {
    CompletableFuture<BenchClient> result = new CompletableFuture<>();
    URI base = uris.get(index % uris.size());
    URI uri = resume == null ? base : URI.create(base + resume.resumeQuery());
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(channelType)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            BenchClient client = new BenchClient(index, ch, dialect, listener);
            if (resume != null) {
              client.session(resume);
              client.attachment = resume.owner;
              resume.resumingOn(client);
            } else if (resumable) {
              client.session(new ResumeSession(client));
            }
            client.ready().whenComplete((c, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failure);
              } else {
                result.complete(c);
              }
            });
            // First in the pipeline: closing from here skips the WebSocket handler's close frame.
            ch.pipeline().addLast(BenchClient.CUT, new io.netty.channel.ChannelDuplexHandler());
            ch.pipeline().addLast(
                new HttpClientCodec(),
                new HttpObjectAggregator(65536),
                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .maxFramePayloadLength(MAX_FRAME)
                    .handshakeTimeoutMillis(15_000)
                    .dropPongFrames(true)
                    .build()),
                new WebSocketFrameAggregator(MAX_FRAME),
                new FrameHandler(client));
          }
        });
    InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
    var connect = sources.isEmpty()
        ? bootstrap.connect(remote)
        : bootstrap.connect(remote, new InetSocketAddress(sources.get(index % sources.size()), 0));
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(f.cause());
      }
    });
    return result;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final class FrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final BenchClient client;

    FrameHandler(BenchClient client) {
      this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      client.dispatch(frame.text());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        if (client.readyOnHandshake()) {
          client.markReady();
        }
      } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        client.fail(new IllegalStateException("WebSocket handshake timed out"));
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      client.fail(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      client.fail(new IllegalStateException("connection closed"));
      client.listener().onClosed(client);
      super.channelInactive(ctx);
    }
  }

}
