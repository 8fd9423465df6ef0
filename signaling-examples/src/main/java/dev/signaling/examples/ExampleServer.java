package dev.signaling.examples;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.http.BindAddress;
import dev.signaling.core.http.HttpLimits;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import dev.signaling.transport.netty.NettySignalingServer;
import dev.signaling.transport.socketio.SocketIoServer;
import io.netty.channel.ChannelHandler;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.GrizzlyExecutorService;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The example signaling server: one Grizzly HTTP listener, bound to exactly the host given,
 * serving the web client, the signaling WebSocket endpoint ({@code /signaling}) and the web
 * client's configuration ({@code GET /config}: the engine's ICE servers as JSON) on one port.
 * With {@link Builder#transport transport(NETTY)} the same engine, options, socket.io, routes and
 * web app run on signaling-transport-netty's {@link NettySignalingServer} instead.
 *
 * <p>Tuned as PERFORMANCE-NOTES measured: Grizzly's same-thread IO strategy (no hand-off of
 * every read to a worker thread; nothing here blocks the selector), and no per-message idle
 * timer in Tyrus (idle connections are found by the transport's ping sweep). The frames a
 * selector round writes to one connection leave in one TCP write ({@link WriteCoalescingFilter}).
 */
public final class ExampleServer implements AutoCloseable {
  private static final String CONTEXT_PATH = "/";
  private static final String CONFIG_PATH = "/config";
  /** Worker threads for HTTP routes on Grizzly, as many as the Netty server's route threads. */
  private static final int ROUTE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final BindAddress address;
  private final Transport transport;
  private final SignalingEngine engine;
  private final WebSocketOptions webSocketOptions;
  private final Map<String, HttpRoute> extraRoutes;
  private final Map<String, Supplier<? extends ChannelHandler>> nettyWebSockets;
  private SignalingEndpoints signaling;
  private NettySignalingServer netty;
  private final List<ServerEndpointConfig> extraEndpoints;
  private final Map<String, HttpHandler> extraHandlers;
  private final SocketIoServer socketIo;
  private final Map<String, HttpRoute> adminRoutes;
  private final int requestedAdminPort;
  private final Path webRoot;
  private final SSLContext tls;
  private final HttpLimits httpLimits;
  private HeaderDeadline headerDeadline;
  private HttpServer httpServer;
  private ExecutorService routeThreads;
  private HttpServer adminServer;
  private NetworkListener adminListener;
  private NetworkListener listener;
  private EmbeddedTyrus container;

  private ExampleServer(Builder builder) {
    this.address = builder.address;
    this.transport = builder.transport;
    this.engine = Objects.requireNonNull(builder.engine, "engine");
    this.webSocketOptions = builder.webSocketOptions;
    this.extraRoutes = new LinkedHashMap<>(builder.extraRoutes);
    this.nettyWebSockets = new LinkedHashMap<>(builder.nettyWebSockets);
    this.extraEndpoints = new ArrayList<>(builder.extraEndpoints);
    this.extraHandlers = new LinkedHashMap<>(builder.extraHandlers);
    this.socketIo = builder.socketIo;
    this.adminRoutes = new LinkedHashMap<>(builder.adminRoutes);
    this.requestedAdminPort = builder.adminPort;
    this.webRoot = builder.webRoot;
    this.tls = builder.tls;
    this.httpLimits = builder.httpLimits;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts serving. */
  public synchronized ExampleServer start() throws IOException {
    // HTTP routes on Grizzly (the main port's, the admin port's) run here, off the selectors.
    routeThreads = GrizzlyExecutorService.createInstance(ThreadPoolConfig.defaultConfig()
        .setPoolName("signaling-route").setCorePoolSize(1).setMaxPoolSize(ROUTE_THREADS).setQueueLimit(1024));
    if (requestedAdminPort < 0) {
      extraRoutes.putAll(adminRoutes); // on the main port, whatever its transport
    }
    if (transport == Transport.NETTY) {
      startNetty();
    } else {
      startGrizzly();
    }
    if (requestedAdminPort >= 0) {
      try {
        startAdminServer();
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }
    return this;
  }

  private void startGrizzly() throws IOException {
    if (!nettyWebSockets.isEmpty()) {
      throw new IllegalStateException("Netty WebSocket handlers need transport(NETTY): " + nettyWebSockets.keySet());
    }
    signaling = SignalingEndpoints.create(engine, webSocketOptions);
    if (socketIo != null) {
      extraEndpoints.add(socketIo.webSocketEndpoint());
      extraHandlers.put(socketIo.path() + "*", socketIo.pollingHandler());
      extraHandlers.put(socketIo.path() + "socket.io.js", socketIo.clientScriptHandler());
    }
    extraRoutes.forEach((path, route) -> extraHandlers.put(path, routeHandler(route)));
    container = new EmbeddedTyrus();
    container.setDefaultMaxSessionIdleTimeout(-1);
    try {
      container.addEndpoint(signaling.config());
      for (ServerEndpointConfig endpoint : extraEndpoints) {
        container.addEndpoint(endpoint);
      }
      container.start(CONTEXT_PATH, address.port()); // registers endpoints with the engine; binds nothing
    } catch (DeploymentException e) {
      throw new IOException("cannot deploy the WebSocket endpoints", e);
    }
    container.doneDeployment();

    httpServer = new HttpServer();
    listener = new NetworkListener("signaling", address.host(), address.port());
    listener.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance());
    // Grizzly's keep-alive idle filter would cut idle WebSockets after 30 s; the transport's
    // heartbeat owns idleness instead.
    listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
    listener.setMaxHttpHeaderSize(httpLimits.maxHeaderBytes()); // the request line, and the headers
    listener.setMaxRequestHeaders(httpLimits.maxHeaderCount());
    if (tls != null) {
      // HTTPS and WSS on the one port; TLS sits below the HTTP codec, on the upgraded chain too.
      listener.setSecure(true);
      listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
    }
    // Before anything else sees a request: header deadline and sizes, path safety, connection
    // limits at the upgrade, and the headers every response carries.
    headerDeadline = new HeaderDeadline(httpLimits.headerTimeout(), System::nanoTime);
    listener.registerAddOn(new HttpGuardAddOn(engine.admission(), headerDeadline));
    // Tyrus's WebSocketAddOn, but each upgraded connection leaves Grizzly's HTTP codec and its
    // upgrade request behind (about 7 KB per idle connection), and frames for one connection
    // from one selector round leave in one TCP write (joined + ready).
    listener.registerAddOn(new WebSocketUpgradeAddOn(container, CONTEXT_PATH));
    httpServer.addListener(listener);
    for (Map.Entry<String, HttpHandler> handler : extraHandlers.entrySet()) {
      httpServer.getServerConfiguration().addHttpHandler(handler.getValue(), handler.getKey());
    }
    // The web client fetches its RTCConfiguration (ICE servers) here before it calls.
    httpServer.getServerConfiguration().addHttpHandler(
        routeHandler(new ClientConfigRoute(engine)), CONFIG_PATH);
    httpServer.getServerConfiguration().addHttpHandler(
        routeHandler(webApp(Set.of("/signaling", CONFIG_PATH))), "/");
    try {
      httpServer.start();
    } catch (IOException e) {
      container.stop();
      headerDeadline.close();
      throw e;
    }
  }

  /**
   * The admin routes on their own Grizzly listener at the admin port, whatever the transport:
   * plain HTTP only, nothing on that port touches the signaling path.
   */
  private void startAdminServer() throws IOException {
    adminServer = new HttpServer();
    adminListener = new NetworkListener("admin", address.host(), requestedAdminPort);
    adminServer.addListener(adminListener);
    for (Map.Entry<String, HttpRoute> route : adminRoutes.entrySet()) {
      adminServer.getServerConfiguration().addHttpHandler(routeHandler(route.getValue()), route.getKey());
    }
    adminServer.start();
  }

  private HttpRouteHandler routeHandler(HttpRoute route) {
    return new HttpRouteHandler(route, httpLimits.maxRequestBodyBytes(), routeThreads);
  }

  /** The port the admin routes are served on: the admin port when one was given, else {@link #port()}. */
  public int adminPort() {
    return adminListener != null ? adminListener.getPort() : port();
  }

  /** The admin routes' base URL, e.g. {@code http://127.0.0.1:9090/} ({@code https} on a TLS main port). */
  public String adminUrl() {
    return address.url(adminListener == null && tls != null, adminPort());
  }

  /**
   * Drains before a stop ({@link SignalingEngine#drain}): readiness turns 503, new connections
   * are refused, open ones are closed with 1012 (service restart) after what is queued for them
   * is sent. Returns when all are gone (true) or after {@code timeout} (false); HTTP keeps
   * serving meanwhile. Then {@link #close()}.
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    return engine.drain(timeout);
  }

  /** The same server on Netty: the same engine, options, socket.io, routes, web app and /config. */
  private ExampleServer startNetty() throws IOException {
    if (!extraEndpoints.isEmpty() || !extraHandlers.isEmpty()) {
      throw new IllegalStateException("JSR-356 endpoints and Grizzly handlers run on Grizzly only;"
          + " on Netty use route(path, HttpRoute)");
    }
    NettySignalingServer.Builder builder = NettySignalingServer.builder()
        .host(address.host())
        .port(address.port())
        .engine(engine)
        .webSocketOptions(webSocketOptions)
        .httpLimits(httpLimits);
    if (tls != null) {
      builder.tls(tls); // the same SSLContext Grizzly would get: same files, same loader
    }
    if (socketIo != null) {
      builder.socketIo(socketIo);
    }
    extraRoutes.forEach(builder::route);
    nettyWebSockets.forEach(builder::webSocket);
    builder.route(CONFIG_PATH, new ClientConfigRoute(engine));
    builder.route("/*", webApp(Set.of(webSocketOptions.path(), CONFIG_PATH)));
    netty = builder.build().start();
    return this;
  }

  /** The built-in web app, or the files of {@link Builder#webRoot}. */
  private WebAppRoute webApp(Set<String> reserved) {
    return webRoot != null
        ? WebAppRoute.webRoot(webRoot, reserved)
        : new WebAppRoute(ExampleServer.class.getClassLoader(), reserved);
  }

  /** The transport this server runs on. */
  public Transport transport() {
    return transport;
  }

  /** The port bound (the actual one when 0 was asked for). */
  public int port() {
    return netty != null ? netty.port() : listener.getPort();
  }

  /** The page URL, e.g. {@code http://127.0.0.1:8080/} ({@code https} with TLS). */
  public String url() {
    return address.url(tls != null, port());
  }

  public SignalingEngine engine() {
    return engine;
  }

  /** The JSR-356 endpoints (Grizzly only; null on Netty or before start). */
  public SignalingEndpoints signaling() {
    return signaling;
  }

  /** Closes every connection, then stops listening. Idempotent. */
  @Override
  public synchronized void close() {
    engine.close();
    if (signaling != null) {
      signaling.close();
    }
    if (netty != null) {
      netty.close();
      netty = null;
    }
    if (socketIo != null) {
      socketIo.close();
    }
    if (httpServer != null) {
      httpServer.shutdownNow();
      httpServer = null;
    }
    if (adminServer != null) {
      adminServer.shutdownNow();
      adminServer = null;
    }
    if (container != null) {
      container.stop();
      container = null;
    }
    if (headerDeadline != null) {
      headerDeadline.close();
      headerDeadline = null;
    }
    if (routeThreads != null) {
      routeThreads.shutdownNow();
      routeThreads = null;
    }
  }

  /** A Tyrus container with no HTTP server of its own: the Grizzly add-on feeds it. */
  private static final class EmbeddedTyrus extends TyrusServerContainer {
    private final WebSocketEngine webSocketEngine;

    EmbeddedTyrus() {
      super((Set<Class<?>>) null);
      this.webSocketEngine = TyrusWebSocketEngine.builder(this).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
      webSocketEngine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
      webSocketEngine.register(config, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
      return webSocketEngine;
    }

    @Override
    public Map<String, Object> getProperties() {
      return Map.of();
    }
  }

  public static final class Builder {
    private BindAddress address = BindAddress.DEFAULT;
    private SignalingEngine engine;
    private WebSocketOptions webSocketOptions = WebSocketOptions.DEFAULT;
    private final List<ServerEndpointConfig> extraEndpoints = new ArrayList<>();
    private final Map<String, HttpHandler> extraHandlers = new LinkedHashMap<>();
    private final Map<String, HttpRoute> extraRoutes = new LinkedHashMap<>();
    private final Map<String, Supplier<? extends ChannelHandler>> nettyWebSockets = new LinkedHashMap<>();
    private SocketIoServer socketIo;
    private final Map<String, HttpRoute> adminRoutes = new LinkedHashMap<>();
    private int adminPort = -1;

    private Transport transport = Transport.GRIZZLY;
    private Path webRoot;
    private SSLContext tls;
    private HttpLimits httpLimits = HttpLimits.DEFAULT;

    private Builder() {}

    /**
     * Serves the {@linkplain #adminRoute admin routes} on their own listener at {@code port} (same
     * host; 0 for any free port) instead of the main port.
     */
    public Builder adminPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("admin port must be 0..65535, got " + port);
      }
      this.adminPort = port;
      return this;
    }

    /**
     * An operational route (metrics, health, admin) at {@code path} (a Grizzly mapping): on the
     * admin port when one is set, else on the main port. Guard it yourself where it needs guarding.
     */
    public Builder adminRoute(String path, HttpRoute route) {
      adminRoutes.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(route, "route"));
      return this;
    }

    /**
     * Serves the files below {@code directory} instead of the built-in web app (same port; the
     * endpoints, {@code /config} and {@code /socket.io/socket.io.js} stay). Nothing outside it is
     * served, whatever the path's spelling or the symbolic links inside; directories are not listed.
     */
    public Builder webRoot(Path directory) {
      this.webRoot = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Serves HTTPS and WSS (instead of HTTP and WS) with this context's certificate, on either transport. */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * What a request may be before a route sees it, on either transport ({@link HttpLimits#DEFAULT}:
     * head within 10 s — slower connections are dropped (slowloris) —, request line and headers
     * 8 KiB each (else 414 / 431), 100 headers, body 64 KiB).
     */
    public Builder httpLimits(HttpLimits limits) {
      this.httpLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The server to run on: Grizzly/Tyrus (default) or Netty. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

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

    public Builder engine(SignalingEngine engine) {
      this.engine = engine;
      return this;
    }

    public Builder webSocketOptions(WebSocketOptions options) {
      this.webSocketOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** A raw Netty WebSocket endpoint on the same port (see {@code NettySignalingServer.Builder#webSocket}); Netty only. */
    public Builder nettyWebSocket(String path, Supplier<? extends ChannelHandler> handlers) {
      nettyWebSockets.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(handlers, "handlers"));
      return this;
    }

    /** Deploys another WebSocket endpoint on the same port (another protocol, say); Grizzly only. */
    public Builder endpoint(ServerEndpointConfig endpoint) {
      extraEndpoints.add(endpoint);
      return this;
    }

    /**
     * Serves {@code path} (a Grizzly mapping: exact, or a prefix such as {@code /admin/*}) with a
     * server-neutral {@code route}; the Netty server takes the same routes.
     */
    public Builder route(String path, HttpRoute route) {
      extraRoutes.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(route, "route"));
      return this;
    }

    /** Serves {@code path} (a Grizzly mapping such as {@code /socket.io/*}) with {@code handler}; Grizzly only. */
    public Builder httpHandler(String path, HttpHandler handler) {
      extraHandlers.put(path, handler);
      return this;
    }

    /**
     * Serves socket.io clients on the same port: both transports at {@code socketIo.path()}
     * (WebSocket, and long-polling on Grizzly) and the library's client script at {@code
     * path + "socket.io.js"}. The server closes {@code socketIo} when it closes.
     */
    public Builder socketIo(SocketIoServer socketIo) {
      if (this.socketIo != null) {
        throw new IllegalStateException("socket.io is mounted already at " + this.socketIo.path());
      }
      this.socketIo = Objects.requireNonNull(socketIo, "socketIo");
      return this;
    }

    public ExampleServer build() {
      return new ExampleServer(this);
    }
  }
}
