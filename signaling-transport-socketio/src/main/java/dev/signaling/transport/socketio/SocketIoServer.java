package dev.signaling.transport.socketio;

import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.core.SignalingEngine;
import dev.signaling.transport.socketio.engineio.EngineIoApplication;
import dev.signaling.transport.socketio.engineio.EngineIoServer;
import dev.signaling.transport.socketio.internal.ClientScriptHandler;
import dev.signaling.transport.socketio.internal.SignalingNamespace;
import dev.signaling.transport.socketio.internal.SocketIoConnection;
import jakarta.servlet.Servlet;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * A Socket.IO v4 server (Engine.IO protocol 4, Socket.IO protocol 5) whose main namespace is the
 * signaling core, so socket.io clients join the same rooms as native-protocol peers.
 *
 * <pre>{@code
 * SocketIoServer socketIo = SocketIoServer.builder()
 *     .config(SocketIoConfig.builder().originPolicy(OriginPolicy.allowing(Set.of("https://app.example"))).build())
 *     .signaling(engine)
 *     .build();
 * serverContainer.addEndpoint(socketIo.webSocketEndpoint());            // JSR-356: WebSocket
 * grizzly.getServerConfiguration().addHttpHandler(socketIo.pollingHandler(), "/socket.io/*"); // polling
 * }</pre>
 *
 * <p>In a servlet container, {@link SocketIoServletDeployer#deploy} mounts both transports.
 *
 * <p>Thread-safe. Timers run on one daemon thread owned by this server; {@link #close()} ends
 * every session and stops it.
 */
public final class SocketIoServer implements AutoCloseable {
  /** Where socket.io clients look by default. */
  public static final String DEFAULT_PATH = "/socket.io/";
  /** The {@link dev.signaling.core.Peer#attributes()} key of the client's CONNECT payload (an ObjectNode). */
  public static final String AUTH_ATTRIBUTE = "socket.io.auth";

  private final String path;
  private final EngineIoServer engineIo;
  private final ScheduledThreadPoolExecutor timers;

  private SocketIoServer(Builder builder) {
    this.path = builder.path;
    Map<String, SocketIoNamespace> namespaces = Map.copyOf(builder.namespaces);
    SocketIoConfig config = builder.config;
    this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "socket.io-timers");
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true);
    EngineIoApplication application = SocketIoConnection.factory(namespaces, config, timers);
    // With the signaling namespace, sessions count as the engine's connections (and drain with it),
    // and new polling sessions pass its connection limits (or the admission given).
    ConnectionAdmission admission = builder.admission != null ? builder.admission
        : builder.engine != null ? builder.engine.admission() : null;
    this.engineIo = EngineIoServer.create(config, application, timers,
        builder.engine != null ? builder.engine.connections() : null, admission);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The mount path, e.g. {@code /socket.io/}. */
  public String path() {
    return path;
  }

  public SocketIoConfig config() {
    return engineIo.config();
  }

  /** The long-polling transport for Grizzly: map it at {@code path() + "*"} in a Grizzly HTTP server. */
  public HttpHandler pollingHandler() {
    return engineIo.pollingHandler();
  }

  /**
   * The long-polling transport for servlet containers (Servlet 6): register it with async
   * support at {@code path() + "*"}, as {@link SocketIoServletDeployer#deploy} does. It also
   * serves {@code path() + "socket.io.js"} (see {@link #clientScriptHandler()}).
   */
  public Servlet pollingServlet() {
    return engineIo.pollingServlet();
  }

  /**
   * This library's own small client script, offering socket.io's {@code io.connect()} / {@code
   * emit} / {@code on} over WebSocket: map it at {@code path() + "socket.io.js"} so pages that
   * load {@code /socket.io/socket.io.js} work without the npm bundle.
   */
  public HttpHandler clientScriptHandler() {
    return ClientScriptHandler.create();
  }

  /** The WebSocket transport: deploy it in any JSR-356 container. */
  public ServerEndpointConfig webSocketEndpoint() {
    return engineIo.webSocketEndpoint(path);
  }

  /** The Engine.IO layer under this server, for transport adapters (e.g. the Netty server). */
  public EngineIoServer engineIo() {
    return engineIo;
  }

  /** Engine.IO sessions open now. */
  public int sessionCount() {
    return engineIo.sessionCount();
  }

  /** Closes every session and stops the timers. Idempotent. */
  @Override
  public void close() {
    engineIo.close();
    timers.shutdownNow();
  }

  public static final class Builder {
    private SocketIoConfig config = SocketIoConfig.DEFAULT;
    private String path = DEFAULT_PATH;
    private final Map<String, SocketIoNamespace> namespaces = new LinkedHashMap<>();
    private SignalingEngine engine;
    private ConnectionAdmission admission;

    private Builder() {}

    public Builder config(SocketIoConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The mount path; {@code /socket.io/} by default. Must start and end with {@code /}. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || !path.endsWith("/")) {
        throw new IllegalArgumentException("path must start and end with '/', got " + path);
      }
      this.path = path;
      return this;
    }

    /**
     * Serves the main namespace {@code /} with the signaling core; long-polling sessions count
     * against the engine's connection limits ({@link SignalingEngine#admission()}) unless {@link
     * #admission} names other accounting. Socket.IO's connection state recovery follows the
     * engine's resume policy ({@link dev.signaling.core.SignalingConfig#resume()}, on by default,
     * with its window): see {@link #signaling(SignalingEngine, boolean)}.
     */
    public Builder signaling(SignalingEngine engine) {
      return signaling(engine, engine.config().resume().enabled());
    }

    /**
     * Serves the main namespace {@code /} with the signaling core, with Socket.IO's connection
     * state recovery when {@code connectionStateRecovery} is true and the engine resumes sessions
     * ({@link dev.signaling.core.SignalingConfig#resume()}): the CONNECT answer carries a {@code
     * pid}, every event an offset (its last argument, as socket.io servers send it), and a client
     * that reconnects within the window with {@code {pid, offset}} in its auth gets its socket id,
     * its room and the events it missed back ({@code socket.recovered} is true). See
     * docs/SOCKETIO.md. Clients see the offset as an extra last argument of every event; false
     * turns recovery off for Socket.IO clients while native clients still resume.
     */
    public Builder signaling(SignalingEngine engine, boolean connectionStateRecovery) {
      Objects.requireNonNull(engine, "engine");
      namespace("/", new SignalingNamespace(engine, connectionStateRecovery && engine.config().resume().enabled()));
      this.engine = engine;
      return this;
    }

    /**
     * The connection limits a long-polling handshake must pass, instead of the signaling engine's:
     * an unupgraded polling session holds a place until it ends or upgrades (the WebSocket's own
     * handshake is counted where the server counts WebSockets). Over the limit the handshake gets
     * HTTP 429 or 503.
     */
    public Builder admission(ConnectionAdmission admission) {
      this.admission = Objects.requireNonNull(admission, "admission");
      return this;
    }

    /** Serves {@code name} (e.g. {@code /chat}) with {@code namespace}; unknown names get CONNECT_ERROR. */
    public Builder namespace(String name, SocketIoNamespace namespace) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      if (!name.startsWith("/") || name.contains(",")) {
        throw new IllegalArgumentException("a namespace starts with '/' and holds no ',', got " + name);
      }
      if (namespaces.putIfAbsent(name, namespace) != null) {
        throw new IllegalArgumentException("namespace " + name + " is served already");
      }
      return this;
    }

    public SocketIoServer build() {
      if (namespaces.isEmpty()) {
        throw new IllegalStateException("no namespace: call signaling(engine) or namespace(...)");
      }
      return new SocketIoServer(this);
    }
  }
}
