package dev.signaling.transport.netty.internal;

import dev.signaling.core.http.HttpLimits;
import dev.signaling.core.http.HttpRoute;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.core.transport.NativeSessions;
import dev.signaling.transport.socketio.engineio.EngineIoServer;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** What one server serves where, fixed when it is built; shared by all its connections. */
public final class Mounts {
  private final NativeSessions nativeSessions;
  private final ConnectionAdmission admission;
  private final List<EngineIoMount> engineIo = new ArrayList<>();
  private final List<Map.Entry<String, HttpRoute>> routes;
  private final Map<String, Supplier<? extends ChannelHandler>> rawWebSockets;
  private final HttpLimits limits;
  private final Duration httpIdleTimeout;
  private final Executor routeExecutor;

  /** {@code routeExecutor} runs the {@link HttpRoute}s, off the event loops. */
  public Mounts(NativeSessions nativeSessions, ConnectionAdmission admission, Map<String, EngineIoServer> engineIo,
      Map<String, HttpRoute> routes, Map<String, Supplier<? extends ChannelHandler>> rawWebSockets,
      HttpLimits limits, Duration httpIdleTimeout, Executor routeExecutor) {
    this.rawWebSockets = Map.copyOf(rawWebSockets);
    this.nativeSessions = nativeSessions;
    this.admission = admission;
    engineIo.forEach((path, server) -> this.engineIo.add(new EngineIoMount(path, server.registry())));
    this.routes = List.copyOf(routes.entrySet());
    this.limits = limits;
    this.httpIdleTimeout = httpIdleTimeout;
    this.routeExecutor = routeExecutor;
  }

  /** Null when the native protocol is not served. */
  NativeSessions nativeSessions() {
    return nativeSessions;
  }

  /** The connection limits every WebSocket upgrade must pass, or null for none. */
  ConnectionAdmission admission() {
    return admission;
  }

  boolean isNativePath(String path) {
    return nativeSessions != null && nativeSessions.options().path().equals(path);
  }

  /** The Engine.IO mount whose path {@code path} lies under, or null. */
  EngineIoMount engineIoAt(String path) {
    for (EngineIoMount mount : engineIo) {
      if (path.startsWith(mount.path()) || path.equals(mount.path().substring(0, mount.path().length() - 1))) {
        return mount;
      }
    }
    return null;
  }

  /** The application's raw WebSocket handler factory at {@code path}, or null. */
  Supplier<? extends ChannelHandler> rawWebSocketAt(String path) {
    return rawWebSockets.get(path);
  }

  List<Map.Entry<String, HttpRoute>> routes() {
    return routes;
  }

  int maxRequestBodyBytes() {
    return limits.maxRequestBodyBytes();
  }

  HttpLimits limits() {
    return limits;
  }

  /** A plain HTTP connection idle this long is closed. */
  Duration httpIdleTimeout() {
    return httpIdleTimeout;
  }

  /** Where routes run: a route may read a file, never on an event loop. */
  Executor routeExecutor() {
    return routeExecutor;
  }

  /** The largest WebSocket message any mount accepts. */
  int maxFramePayload() {
    int max = nativeSessions == null ? 0 : nativeSessions.options().maxTextMessageBytes();
    for (EngineIoMount mount : engineIo) {
      max = Math.max(max, mount.registry().config().maxPayload());
    }
    return Math.max(max, 1);
  }

  /** Outbound bytes a connection may have waiting: the channels' high water mark. */
  public long maxQueuedBytes() {
    long max = nativeSessions == null ? 0 : nativeSessions.options().maxQueuedBytes();
    for (EngineIoMount mount : engineIo) {
      max = Math.max(max, mount.registry().config().maxQueuedBytes());
    }
    return Math.max(max, 64 * 1024);
  }
}
