package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.Ack;
import dev.signaling.core.Handshake;
import dev.signaling.core.RawJson;
import dev.signaling.transport.socketio.NamespaceListener;
import dev.signaling.transport.socketio.SocketIoSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client's membership of one namespace. */
final class NamespaceSocket implements SocketIoSocket {
  private static final Logger log = LoggerFactory.getLogger(NamespaceSocket.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SocketIoConnection connection;
  private final String namespace;
  /** The client's auth payload; null when it sent none or {@code {}} (most clients: no node kept). */
  private final ObjectNode auth;
  private volatile String id;
  /** The private session id for connection state recovery, sent in the CONNECT answer; null without. */
  private volatile String pid;
  private final String eventPrefix;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean disconnectNotified = new AtomicBoolean();
  private final Object lock = new Object();
  // Guarded by lock: emits made before the CONNECT answer went out wait here.
  private List<SocketIoPacketCodec.Encoded> early = new ArrayList<>();
  private volatile NamespaceListener listener;

  NamespaceSocket(SocketIoConnection connection, String namespace, ObjectNode auth) {
    this.connection = connection;
    this.namespace = namespace;
    this.auth = auth.isEmpty() ? null : auth;
    this.eventPrefix = connection.codec().eventPrefix(namespace);
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Takes the id of the socket this one recovers (before the CONNECT answer). */
  void restoreId(String recovered) {
    this.id = Objects.requireNonNull(recovered, "recovered");
  }

  /** The private session id the CONNECT answer carries (connection state recovery). */
  void pid(String pid) {
    this.pid = pid;
  }

  String pid() {
    return pid;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Handshake handshake() {
    JsonNode token = auth != null ? auth.get(Handshake.TOKEN_PARAMETER) : null;
    return connection.handshake().withCredential(token != null && token.isTextual() ? token.textValue() : null);
  }

  @Override
  public ObjectNode auth() {
    return auth == null ? connection.codec().emptyObject() : auth.deepCopy();
  }

  @Override
  public void emit(String event, List<JsonNode> args) {
    Objects.requireNonNull(event, "event");
    if (ended.get()) {
      return;
    }
    ArrayNode data = connection.codec().array().add(event);
    args.forEach(data::add);
    send(connection.codec().event(namespace, data));
  }

  /** What an EVENT packet of this namespace starts with, before its JSON data (no id, no binary). */
  String eventPrefix() {
    return eventPrefix;
  }

  /**
   * As {@link #emit}, for an EVENT packet already written as text: {@link #eventPrefix()}
   * followed by the JSON array {@code ["name",arg…]}, with no binary in it.
   */
  void emitPacket(String packet) {
    if (ended.get()) {
      return;
    }
    send(connection.codec().text(packet));
  }

  private void send(SocketIoPacketCodec.Encoded packet) {
    synchronized (lock) {
      if (early != null) {
        early.add(packet);
        return;
      }
    }
    connection.send(packet);
  }

  /** Asks the client for a sign of life; its connection closes as a ping timeout without one. */
  void probe(java.time.Duration within) {
    if (!ended.get()) {
      connection.probe(within);
    }
  }

  @Override
  public void disconnect(boolean closeConnection) {
    if (ended.compareAndSet(false, true)) {
      connection.serverDisconnect(this, closeConnection);
      notifyListener("server namespace disconnect");
    } else if (closeConnection) {
      connection.serverDisconnect(this, true);
    }
  }

  /** The CONNECT answer was sent: release what was emitted during the namespace's connect. */
  void accepted(NamespaceListener acceptedBy) {
    this.listener = acceptedBy;
    // Under the lock: an emit from another thread must not overtake what waited (a recovered
    // socket's replay waits here). Connection.send only queues.
    synchronized (lock) {
      early.forEach(connection::send);
      early = null;
    }
    if (ended.get()) {
      notifyListener("transport close"); // the session ended while the namespace decided
    }
  }

  /** Whether the socket has ended (the client left, the session closed, or the server disconnected it). */
  boolean isEnded() {
    return ended.get();
  }

  /** Whether this socket's listener takes events with raw arguments ({@link RawArgsListener}). */
  boolean takesRawEvents() {
    return listener instanceof RawArgsListener;
  }

  /** An event decoded raw; a listener that wants trees gets each argument parsed. */
  void deliverRaw(String event, List<RawJson> args, Ack ack) {
    NamespaceListener current = listener;
    if (current == null || ended.get()) {
      return;
    }
    try {
      if (current instanceof RawArgsListener raw) {
        raw.onRawEvent(event, args, ack);
      } else {
        current.onEvent(event, args.stream().map(RawJson::toJsonNode).toList(), ack);
      }
    } catch (RuntimeException e) {
      log.warn("Listener of namespace {} failed on an event", namespace, e);
    }
  }

  void deliver(String event, List<JsonNode> args, Ack ack) {
    NamespaceListener current = listener;
    if (current == null || ended.get()) {
      return;
    }
    try {
      current.onEvent(event, args, ack);
    } catch (RuntimeException e) {
      log.warn("Listener of namespace {} failed on an event", namespace, e);
    }
  }

  /** The client left, or the connection ended. */
  void ended(String reason) {
    if (ended.compareAndSet(false, true)) {
      notifyListener(reason);
    }
  }

  private void notifyListener(String reason) {
    NamespaceListener current = listener;
    if (current == null || !disconnectNotified.compareAndSet(false, true)) {
      return;
    }
    try {
      current.onDisconnect(reason);
    } catch (RuntimeException e) {
      log.warn("Listener of namespace {} failed on disconnect", namespace, e);
    }
  }
}
