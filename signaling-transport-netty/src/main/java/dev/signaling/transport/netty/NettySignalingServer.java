package dev.signaling.transport.netty;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.BindAddress;
import dev.signaling.core.http.HttpLimits;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.netty.internal.ChannelSetup;
import dev.signaling.transport.netty.internal.Mounts;
import dev.signaling.transport.netty.internal.Transports;
import dev.signaling.transport.socketio.SocketIoServer;
import dev.signaling.transport.socketio.engineio.EngineIoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A standalone signaling server on Netty 4.2: on one port, the native protocol over WebSocket
 * ({@link WebSocketOptions#path()}, {@code /signaling} by default), Socket.IO v4 over WebSocket and
 * long-polling with upgrade (at {@link SocketIoServer#path()}), and plain HTTP {@link HttpRoute}s.
 *
 * <pre>{@code
 * SignalingEngine engine = SignalingEngine.create();
 * NettySignalingServer server = NettySignalingServer.builder().engine(engine).port(8080).build().start();
 * ...
 * server.close();
 * }</pre>
 *
 * <p>The protocols' rules are the same objects every transport uses: {@link NativeSessions}
 * (core) for the native protocol, the socketio module's Engine.IO sessions and polling transport
 * for Socket.IO. This server only moves bytes: epoll where available (else NIO), pooled buffers,
 * flushes consolidated per event-loop round, nothing blocking on an event loop.
 *
 * <p>Every WebSocket upgrade (either protocol) must pass the engine's connection limits ({@link
 * SignalingEngine#admission()}: 429 per address, 503 in all) and holds its place until it
 * closes; long-polling sessions are admitted by the Socket.IO layer itself.
 *
 * <p>Against hostile HTTP, with the same {@link HttpLimits} as the example server on Grizzly: a
 * request's line and headers must arrive within {@link HttpLimits#headerTimeout()} (10 s) of the
 * connection opening or of the last response (slowloris); a request line over {@link
 * HttpLimits#maxHeaderBytes()} (8 KiB) gets 414, headers over it or more than {@link
 * HttpLimits#maxHeaderCount()} (100) get 431; a path that could
 * leave a directory in any spelling gets 404 ({@link dev.signaling.core.http.RequestPaths});
 * every answer carries {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy:
 * no-referrer}. With {@link Builder#tls} the one port serves HTTPS and WSS only.
 *
 * <p>{@link HttpRoute}s run on a small pool of route threads ({@link Builder#routeThreads}), never
 * on an event loop: a route may read a file.
 *
 * <p>{@link #close()} closes every connection, stops the heartbeat, the mounted Socket.IO
 * servers and the event loops; the engine stays the caller's.
 */
public final class NettySignalingServer implements AutoCloseable {
  /** Route requests that may wait for a route thread; more at once are answered 503. */
  private static final int ROUTE_QUEUE = 1024;
  private final BindAddress address;
  private final int ioThreads;
  private final int backlog;
  private final NativeSessions nativeSessions;
  private final List<SocketIoServer> socketIoServers;
  private final Mounts mounts;
  private final SslContext tls;
  private final ThreadPoolExecutor routeExecutor;
  private EventLoopGroup group;
  private Channel serverChannel;

  private NettySignalingServer(Builder builder) {
    this.address = builder.address;
    this.ioThreads = builder.ioThreads;
    this.backlog = builder.backlog;
    this.nativeSessions = builder.engine == null ? null : NativeSessions.create(builder.engine, builder.webSocketOptions);
    this.socketIoServers = List.copyOf(builder.socketIoServers);
    this.tls = builder.tls;
    // Route threads come and go with the traffic; a burst beyond the queue is answered 503.
    this.routeExecutor = new ThreadPoolExecutor(builder.routeThreads, builder.routeThreads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(ROUTE_QUEUE), new DefaultThreadFactory("signaling-netty-route", true));
    routeExecutor.allowCoreThreadTimeOut(true);
    this.mounts = new Mounts(nativeSessions, builder.engine == null ? null : builder.engine.admission(), builder.engineIo, builder.routes, builder.rawWebSockets,
        builder.httpLimits, builder.httpIdleTimeout, routeExecutor);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts serving. */
  public synchronized NettySignalingServer start() throws IOException {
    if (group != null) {
      throw new IllegalStateException("started already");
    }
    group = Transports.eventLoopGroup(ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors());
    long highWater = mounts.maxQueuedBytes();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(Transports.serverChannel())
        .option(ChannelOption.SO_BACKLOG, backlog)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark((int) Math.min(Integer.MAX_VALUE / 2, highWater / 2),
                (int) Math.min(Integer.MAX_VALUE, highWater)))
        .childHandler(new ChannelSetup(mounts, tls));
    try {
      serverChannel = bootstrap.bind(new InetSocketAddress(address.host(), address.port())).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IOException("interrupted while binding " + address, e);
    } catch (RuntimeException e) {
      close();
      throw new IOException("cannot bind " + address + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** The port bound (the actual one when 0 was asked for). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:8080/} ({@code https} with TLS). */
  public String url() {
    return address.url(tls != null, port());
  }

  /** Native-protocol connections open now (0 without an engine). */
  public int nativeConnectionCount() {
    return nativeSessions == null ? 0 : nativeSessions.connectionCount();
  }

  /** Closes every connection and stops listening. Idempotent. */
  @Override
  public synchronized void close() {
    if (nativeSessions != null) {
      nativeSessions.close();
    }
    for (SocketIoServer socketIo : socketIoServers) {
      socketIo.close();
    }
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
    routeExecutor.shutdownNow();
  }

  /** Settings of a {@link NettySignalingServer}, validated as they are set. */
  public static final class Builder {
    private BindAddress address = BindAddress.DEFAULT;
    private SignalingEngine engine;
    private WebSocketOptions webSocketOptions = WebSocketOptions.DEFAULT;
    private final Map<String, EngineIoServer> engineIo = new LinkedHashMap<>();
    private final List<SocketIoServer> socketIoServers = new ArrayList<>();
    private final Map<String, HttpRoute> routes = new LinkedHashMap<>();
    private final Map<String, Supplier<? extends ChannelHandler>> rawWebSockets = new LinkedHashMap<>();
    private int ioThreads = 0;
    private int backlog = 1024;
    private HttpLimits httpLimits = HttpLimits.DEFAULT;
    private Duration httpIdleTimeout = Duration.ofSeconds(60);
    private int routeThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private SslContext tls;

    private Builder() {}

    /** The address to bind; 127.0.0.1 by default, 0.0.0.0 for every interface. */
    public Builder host(String host) {
      this.address = address.withHost(host);
      return this;
    }

    /** The port to bind; 8080 by default, 0 for any free port. */
    public Builder port(int port) {
      this.address = address.withPort(port);
      return this;
    }

    /** Serves the native protocol with {@code engine} at {@link WebSocketOptions#path()}. */
    public Builder engine(SignalingEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The native endpoint's path, limits, heartbeat and origin policy (the JSR-356 transport's own). */
    public Builder webSocketOptions(WebSocketOptions options) {
      this.webSocketOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Serves socket.io clients at {@code socketIo.path()}: WebSocket, long-polling with upgrade,
     * and the library's client script at {@code path + "socket.io.js"}. The server closes {@code
     * socketIo} when it closes.
     */
    public Builder socketIo(SocketIoServer socketIo) {
      Objects.requireNonNull(socketIo, "socketIo");
      engineIo(socketIo.path(), socketIo.engineIo());
      socketIoServers.add(socketIo);
      return this;
    }

    /** Serves a bare Engine.IO server at {@code path} (must start and end with '/'); the caller closes it. */
    public Builder engineIo(String path, EngineIoServer server) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(server, "server");
      if (!path.startsWith("/") || !path.endsWith("/")) {
        throw new IllegalArgumentException("an Engine.IO path starts and ends with '/', got " + path);
      }
      if (engineIo.putIfAbsent(path, server) != null) {
        throw new IllegalArgumentException("an Engine.IO server is mounted already at " + path);
      }
      return this;
    }

    /**
     * Serves {@code path} with {@code route}: an exact path ({@code /config}), or a prefix ending
     * in {@code /*} ({@code /admin/*}). Routes are tried in the order added; one that returns
     * null passes the request on, and after the last the answer is 404.
     */
    public Builder route(String path, HttpRoute route) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(route, "route");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a route path starts with '/', got " + path);
      }
      if (routes.putIfAbsent(path, route) != null) {
        throw new IllegalArgumentException("a route is mounted already at " + path);
      }
      return this;
    }

    /**
     * Serves a WebSocket endpoint of the application's own at exactly {@code path}: after the
     * upgrade, a handler from {@code handlers} (one per connection) receives every frame (text,
     * binary, ping, pong, close; fragments aggregated up to {@link HttpLimits#maxRequestBodyBytes()}) and
     * writes its own. It runs on the event loop: it must not block. For protocols this library
     * does not speak, and for benchmarks' bare echo.
     */
    public Builder webSocket(String path, Supplier<? extends ChannelHandler> handlers) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(handlers, "handlers");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a WebSocket path starts with '/', got " + path);
      }
      if (rawWebSockets.putIfAbsent(path, handlers) != null) {
        throw new IllegalArgumentException("a WebSocket endpoint is mounted already at " + path);
      }
      return this;
    }

    /** Event-loop threads; 0 (the default) for one per available processor: relays between connections on one loop then need no cross-thread hand-off (on one core, two loops cost a wake-up per message). */
    public Builder ioThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("ioThreads must be 0 or more, got " + threads);
      }
      this.ioThreads = threads;
      return this;
    }

    /** The listen backlog (1024). */
    public Builder backlog(int backlog) {
      if (backlog < 1) {
        throw new IllegalArgumentException("backlog must be positive, got " + backlog);
      }
      this.backlog = backlog;
      return this;
    }

    /**
     * What a request may be before a route sees it ({@link HttpLimits#DEFAULT}: head within 10 s,
     * request line and headers 8 KiB each, 100 headers, body 64 KiB): the same limits the example
     * server applies on Grizzly.
     */
    public Builder httpLimits(HttpLimits limits) {
      this.httpLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** A plain HTTP connection idle this long is closed (60 s); WebSockets have their own heartbeat. */
    public Builder httpIdleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("httpIdleTimeout must be positive, got " + timeout);
      }
      this.httpIdleTimeout = timeout;
      return this;
    }

    /** Threads that run {@link HttpRoute}s (the number of processors, at least 2); idle ones end after 30 s. */
    public Builder routeThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("routeThreads must be positive, got " + threads);
      }
      this.routeThreads = threads;
      return this;
    }

    /**
     * Serves HTTPS and WSS (instead of HTTP and WS) on the port, with Netty's {@code SslHandler}
     * under the HTTP codec and the upgraded WebSockets. {@code context} must be a server context,
     * e.g. {@code SslContextBuilder.forServer(certChainPem, keyPem).build()} (PKCS#8 key), or
     * {@code SslContextBuilder.forServer(keyManagerFactory).build()} for a PKCS#12 keystore.
     */
    public Builder tls(SslContext context) {
      Objects.requireNonNull(context, "context");
      if (!context.isServer()) {
        throw new IllegalArgumentException("tls needs a server SslContext (SslContextBuilder.forServer), got a client one");
      }
      this.tls = context;
      return this;
    }

    /** As {@link #tls(SslContext)}, with a JDK {@link SSLContext} holding the server's key and certificate. */
    public Builder tls(SSLContext context) {
      Objects.requireNonNull(context, "context");
      return tls(new JdkSslContext(context, false, null, IdentityCipherSuiteFilter.INSTANCE,
          ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, null, false));
    }

    public NettySignalingServer build() {
      if (engine == null && engineIo.isEmpty() && routes.isEmpty() && rawWebSockets.isEmpty()) {
        throw new IllegalStateException("nothing to serve: set engine(...), socketIo(...) or a route");
      }
      if (engine != null && engineIo.keySet().stream().anyMatch(p -> webSocketOptions.path().startsWith(p))) {
        throw new IllegalStateException("the native path " + webSocketOptions.path() + " lies under an Engine.IO path");
      }
      return new NettySignalingServer(this);
    }
  }
}
