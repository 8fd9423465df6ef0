package dev.signaling.transport.socketio.engineio;

import dev.signaling.core.Connections;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.internal.EngineIoWebSocketEndpoint;
import dev.signaling.transport.socketio.internal.PollingHttpHandler;
import dev.signaling.transport.socketio.internal.PollingServlet;
import dev.signaling.transport.socketio.internal.SessionRegistry;
import jakarta.servlet.Servlet;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * An Engine.IO v4 server: sessions, heartbeats and upgrades, independent of any container. Mount
 * its WebSocket endpoint ({@link #webSocketEndpoint(String)}, any JSR-356 container) and one
 * long-polling adapter on one path of one port: {@link #pollingHandler()} (Grizzly HTTP server)
 * or {@link #pollingServlet()} (Servlet 6 container). Each adapter's types are loaded only when
 * its method is called, so either runs without the other's API on the class path.
 *
 * <p>Timers run on one small scheduler thread owned by this server (or one passed in).
 */
public final class EngineIoServer implements AutoCloseable {
  private final SessionRegistry registry;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;

  private EngineIoServer(SocketIoConfig config, EngineIoApplication application,
      ScheduledExecutorService scheduler, boolean ownsScheduler, Connections connections,
      ConnectionAdmission admission) {
    this.scheduler = scheduler;
    this.ownsScheduler = ownsScheduler;
    this.registry = new SessionRegistry(config, application, scheduler, connections, admission);
  }

  /** A server with its own timer thread, stopped by {@link #close()}. */
  public static EngineIoServer create(SocketIoConfig config, EngineIoApplication application) {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "engine.io-timers");
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true); // cancelled heartbeats must not pile up
    return new EngineIoServer(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(application, "application"), timers, true, null, null);
  }

  /** A server whose timers run on {@code scheduler}, which the caller owns. */
  public static EngineIoServer create(SocketIoConfig config, EngineIoApplication application,
      ScheduledExecutorService scheduler) {
    return create(config, application, scheduler, (Connections) null, null);
  }

  /**
   * A server whose timers run on {@code scheduler}, whose sessions are admitted and counted by
   * {@code connections} (a signaling engine's: metrics by transport, refusal and 1012 while it
   * drains).
   */
  public static EngineIoServer create(SocketIoConfig config, EngineIoApplication application,
      ScheduledExecutorService scheduler, Connections connections) {
    return create(config, application, scheduler, Objects.requireNonNull(connections, "connections"), null);
  }

  /**
   * As {@link #create(SocketIoConfig, EngineIoApplication, ScheduledExecutorService, Connections)}
   * (with {@code connections} null: not counted), and whose long-polling handshakes {@code
   * admission} admits by client address (null: no limit): a polling session holds a place until
   * it ends or upgrades.
   */
  public static EngineIoServer create(SocketIoConfig config, EngineIoApplication application,
      ScheduledExecutorService scheduler, Connections connections, ConnectionAdmission admission) {
    return new EngineIoServer(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(application, "application"),
        Objects.requireNonNull(scheduler, "scheduler"), false, connections, admission);
  }

  public SocketIoConfig config() {
    return registry.config();
  }

  /** The long-polling transport for Grizzly; map it to the mount path, e.g. {@code /socket.io/*}. */
  public HttpHandler pollingHandler() {
    return PollingHttpHandler.create(registry);
  }

  /**
   * The long-polling transport for servlet containers; register it with async support at the
   * mount path, e.g. {@code /socket.io/*}.
   */
  public Servlet pollingServlet() {
    return PollingServlet.create(registry);
  }

  /** The WebSocket transport, deployable in any JSR-356 container at {@code path}, e.g. {@code /socket.io/}. */
  public ServerEndpointConfig webSocketEndpoint(String path) {
    return EngineIoWebSocketEndpoint.config(path, registry);
  }

  /**
   * The sessions, for transport adapters outside this module (signaling-transport-netty) that
   * serve them through {@link SessionRegistry#acceptWebSocket} and {@code PollingTransport}. Not
   * an application API.
   */
  public SessionRegistry registry() {
    return registry;
  }

  /** Sessions open now. */
  public int sessionCount() {
    return registry.size();
  }

  /** Closes every session and stops the timers this server owns. Idempotent. */
  @Override
  public void close() {
    registry.closeAll();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

}
