package dev.signaling.transport.socketio.internal;

import dev.signaling.core.Handshake;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Connection;
import dev.signaling.core.Connections;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.engineio.EngineIoApplication;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live Engine.IO sessions of one server, by id, and what they share: the config, the
 * application they run and the scheduler their timers use. Transport adapters find sessions here.
 */
public final class SessionRegistry {
  private final SocketIoConfig config;
  private final EngineIoApplication application;
  private final ScheduledExecutorService scheduler;
  /** Where sessions are admitted and counted (a signaling engine's), or null: not counted. */
  private final Connections connections;
  private final ConcurrentHashMap<String, EngineIoSession> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final ConnectionAdmission admission;

  /** A registry whose sessions nothing counts. */
  public SessionRegistry(SocketIoConfig config, EngineIoApplication application, ScheduledExecutorService scheduler) {
    this(config, application, scheduler, null);
  }

  public SessionRegistry(SocketIoConfig config, EngineIoApplication application,
      ScheduledExecutorService scheduler, Connections connections) {
    this(config, application, scheduler, connections, null);
  }

  /**
   * A registry whose sessions {@code connections} counts (may be null), and whose new polling
   * sessions {@code admission} admits by client address (may be null: no limit).
   */
  public SessionRegistry(SocketIoConfig config, EngineIoApplication application,
      ScheduledExecutorService scheduler, Connections connections, ConnectionAdmission admission) {
    this.config = config;
    this.application = application;
    this.scheduler = scheduler;
    this.connections = connections;
    this.admission = admission;
  }

  /** The connection limits polling handshakes pass, or null. */
  ConnectionAdmission admission() {
    return admission;
  }

  public SocketIoConfig config() {
    return config;
  }

  /**
   * Opens a polling session holding {@code place} in the connection limits (may be null) until it
   * ends or upgrades to a WebSocket; returns the handshake packet for the response body, or empty
   * when the engine is draining (answer 503; the place is given back).
   */
  public Optional<String> openPolling(Handshake request, ConnectionAdmission.Ticket place) {
    EngineIoSession session = register(request, null);
    session.holdPlace(place);
    if (!admit(session, TransportKind.POLLING)) {
      if (place != null) {
        place.release();
      }
      return Optional.empty();
    }
    String handshake = handshake(session.id(), true);
    session.start(application);
    return Optional.of(handshake);
  }

  /**
   * Opens a session on {@code channel}; the handshake is the first frame it sends. Returns null
   * when the engine is draining: {@code channel} is then closed with 1012.
   */
  public EngineIoSession openWebSocket(WebSocketChannel channel, Handshake handshake) {
    EngineIoSession session = register(handshake, channel);
    if (!admit(session, TransportKind.WEBSOCKET)) {
      channel.close(CloseReason.SERVICE_RESTART.code(), "server draining");
      return null;
    }
    channel.enqueue(OutboundPacket.text(handshake(session.id(), false)));
    channel.flush();
    session.start(application);
    return session;
  }

  /**
   * A WebSocket handshake's {@code Origin} header (null or empty when absent) may open a
   * connection: checked by every WebSocket adapter before it accepts the upgrade.
   */
  public boolean allowsWebSocketOrigin(String origin) {
    return origin == null || origin.isEmpty() || config.originPolicy().allows(origin);
  }

  /**
   * An accepted WebSocket with handshake query {@code rawQuery}: opens a new session on {@code
   * channel} for {@code handshake}, or with {@code sid}, starts that polling session's upgrade
   * probe on it (the session keeps the handshake it was opened with). The
   * adapter routes the connection's frames to the session it returns, or closes it with 1002
   * and the reason given. Neither (both null): the engine is draining and the channel was
   * closed with 1012 already.
   */
  public WebSocketOpening acceptWebSocket(String rawQuery, WebSocketChannel channel, Handshake handshake) {
    HandshakeQuery query = HandshakeQuery.parse(rawQuery);
    String problem = query.problemFor("websocket");
    if (problem != null) {
      return new WebSocketOpening(null, problem);
    }
    if (query.sid() == null) {
      return new WebSocketOpening(openWebSocket(channel, handshake), null);
    }
    EngineIoSession target = find(query.sid()).orElse(null);
    if (target == null || !target.beginUpgrade(channel)) {
      return new WebSocketOpening(null, "no session to upgrade");
    }
    return new WebSocketOpening(target, null);
  }

  /** The outcome of {@link #acceptWebSocket}: a session, or why the connection is refused. */
  public record WebSocketOpening(EngineIoSession session, String refusal) {}

  private boolean admit(EngineIoSession session, TransportKind transport) {
    if (connections == null) {
      return true;
    }
    Optional<Connection> admitted = connections.admit(WireProtocol.SOCKETIO, transport, session::closeFor);
    if (admitted.isEmpty()) {
      sessions.remove(session.id(), session);
      return false;
    }
    session.counted(admitted.get());
    return true;
  }

  public Optional<EngineIoSession> find(String sid) {
    return sid == null ? Optional.empty() : Optional.ofNullable(sessions.get(sid));
  }

  public int size() {
    return sessions.size();
  }

  void remove(EngineIoSession session) {
    sessions.remove(session.id(), session);
  }

  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    try {
      return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // shutting down: every session is being closed anyway
    }
  }

  /** Closes every session (the server is stopping). */
  public void closeAll() {
    for (EngineIoSession session : new ArrayList<>(sessions.values())) {
      session.closeWith("server shutting down", EngineIoSession.Ending.BY_SERVER);
    }
    sessions.clear();
  }

  private EngineIoSession register(Handshake handshake, WebSocketChannel channel) {
    for (int attempt = 0; attempt < 4; attempt++) {
      EngineIoSession session = new EngineIoSession(newId(), handshake, this, channel);
      if (sessions.putIfAbsent(session.id(), session) == null) {
        return session;
      }
    }
    throw new IllegalStateException("session id generator keeps repeating ids");
  }

  private String newId() {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String handshake(String sid, boolean upgradable) {
    return "0{\"sid\":\"" + sid + "\",\"upgrades\":" + (upgradable ? "[\"websocket\"]" : "[]")
        + ",\"pingInterval\":" + config.pingInterval().toMillis()
        + ",\"pingTimeout\":" + config.pingTimeout().toMillis()
        + ",\"maxPayload\":" + config.maxPayload() + "}";
  }
}
