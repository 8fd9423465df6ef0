package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.Ack;
import dev.signaling.transport.socketio.ConnectRefusedException;
import dev.signaling.transport.socketio.NamespaceListener;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoNamespace;
import dev.signaling.transport.socketio.engineio.EngineIoApplication;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.engineio.EngineIoSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket.IO v5 over one Engine.IO session: namespace connections, events, acknowledgements and
 * binary attachments. Any packet that breaks the protocol closes the session; an unknown or
 * refusing namespace gets CONNECT_ERROR. A session that joins no namespace within {@code
 * connectTimeout} is closed.
 *
 * <p>Inbound calls come one at a time (the Engine.IO listener contract), so the fields that only
 * they touch need no guard; the namespace map is concurrent because emits read it, and because
 * a namespace may answer a CONNECT later, on another thread ({@link
 * SocketIoNamespace#connectAsync}).
 */
public final class SocketIoConnection implements EngineIoListener {
  private static final Logger log = LoggerFactory.getLogger(SocketIoConnection.class);

  private final EngineIoSocket engineIo;
  private final Map<String, SocketIoNamespace> namespaces;
  private final SocketIoPacketCodec codec;
  // Sized for the usual single namespace: a default map's first entry allocates 16 slots.
  private final ConcurrentHashMap<String, NamespaceSocket> sockets = new ConcurrentHashMap<>(1);
  /**
   * Until the first namespace joins; then null, so an idle connection does not keep the task.
   * Guarded by {@code this}: an asynchronous namespace answer cancels it from another thread.
   */
  private ScheduledFuture<?> connectTimer;
  private final Predicate<String> rawEventsIn = this::takesRawEvents;
  private SocketIoPacket awaitingAttachments;
  private List<byte[]> attachments;
  private volatile boolean everConnected;

  public SocketIoConnection(EngineIoSocket engineIo, Map<String, SocketIoNamespace> namespaces,
      SocketIoConfig config, ScheduledExecutorService scheduler) {
    this(engineIo, namespaces, config, scheduler, codecFor(config));
  }

  private SocketIoConnection(EngineIoSocket engineIo, Map<String, SocketIoNamespace> namespaces,
      SocketIoConfig config, ScheduledExecutorService scheduler, SocketIoPacketCodec codec) {
    this.engineIo = engineIo;
    this.namespaces = namespaces;
    this.codec = codec;
    this.connectTimer = scheduler.schedule(this::closeIfNeverConnected,
        config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Makes connections that share one packet codec. The codec is stateless, but its JSON mapper
   * is costly to build and to keep: one per connection cost about 5 KB of heap per idle
   * connection (mapper caches, symbol tables) and cold serializer caches on every new one.
   */
  public static EngineIoApplication factory(Map<String, SocketIoNamespace> namespaces,
      SocketIoConfig config, ScheduledExecutorService scheduler) {
    SocketIoPacketCodec codec = codecFor(config);
    return socket -> new SocketIoConnection(socket, namespaces, config, scheduler, codec);
  }

  private static SocketIoPacketCodec codecFor(SocketIoConfig config) {
    return new SocketIoPacketCodec(config.maxAttachments(), config.maxNestingDepth());
  }

  @Override
  public void onText(String message) {
    onText(message, 0);
  }

  @Override
  public void onText(String text, int offset) {
    try {
      if (awaitingAttachments != null) {
        throw new MalformedPacketException("text packet while binary attachments were due");
      }
      SocketIoPacket packet = codec.decode(text, offset, rawEventsIn);
      if (packet.attachments() > 0) {
        awaitingAttachments = packet;
        attachments = new ArrayList<>(packet.attachments());
        return;
      }
      dispatch(packet.attachments() == 0 && isBinaryType(packet) ? codec.attach(packet, List.of()) : packet);
    } catch (MalformedPacketException e) {
      protocolError(e);
    }
  }

  @Override
  public void onBinary(byte[] message) {
    try {
      if (awaitingAttachments == null) {
        throw new MalformedPacketException("binary message without a packet announcing it");
      }
      attachments.add(message);
      if (attachments.size() == awaitingAttachments.attachments()) {
        SocketIoPacket complete = codec.attach(awaitingAttachments, attachments);
        awaitingAttachments = null;
        attachments = null;
        dispatch(complete);
      }
    } catch (MalformedPacketException e) {
      protocolError(e);
    }
  }

  @Override
  public void onClose(String reason) {
    cancelConnectTimer();
    for (NamespaceSocket socket : new ArrayList<>(sockets.values())) {
      socket.ended("transport close: " + reason);
    }
    sockets.clear();
  }

  private void dispatch(SocketIoPacket packet) throws MalformedPacketException {
    switch (packet.type()) {
      case SocketIoPacket.CONNECT -> connect(packet);
      case SocketIoPacket.DISCONNECT -> {
        NamespaceSocket socket = sockets.remove(packet.namespace());
        if (socket != null) {
          socket.ended("client namespace disconnect");
        }
      }
      case SocketIoPacket.EVENT, SocketIoPacket.BINARY_EVENT -> event(packet);
      case SocketIoPacket.ACK, SocketIoPacket.BINARY_ACK ->
          // This server never asks clients for acknowledgements: nothing waits for one.
          log.debug("Ignoring an unexpected ACK {} on session {}", packet.ackId(), engineIo.id());
      default -> throw new MalformedPacketException("unexpected packet type " + packet.type());
    }
  }

  private void connect(SocketIoPacket packet) {
    String name = packet.namespace();
    SocketIoNamespace namespace = namespaces.get(name);
    if (namespace == null) {
      send(codec.connectError(name, "Invalid namespace", null));
      return;
    }
    if (sockets.containsKey(name)) {
      log.debug("Session {} connected to {} twice; ignoring the second CONNECT", engineIo.id(), name);
      return;
    }
    ObjectNode auth = packet.data() != null ? (ObjectNode) packet.data() : codec.emptyObject();
    NamespaceSocket socket = new NamespaceSocket(this, name, auth);
    CompletableFuture<NamespaceListener> answer;
    try {
      answer = namespace.connectAsync(socket).toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    if (answer.isDone()) {
      Throwable failure = failureOf(answer);
      answered(socket, failure == null ? answer.join() : null, failure);
      return;
    }
    // Decided later: the name is taken meanwhile (a second CONNECT is ignored, events are dropped).
    sockets.put(name, socket);
    answer.whenComplete((listener, failure) -> answered(socket, listener, failure));
  }

  /** Sends the CONNECT answer for {@code socket}: on any thread when the namespace answered later. */
  private void answered(NamespaceSocket socket, NamespaceListener listener, Throwable failure) {
    String name = socket.namespace();
    if (failure != null || listener == null) {
      sockets.remove(name, socket);
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof ConnectRefusedException refused) {
        send(codec.connectError(name, refused.getMessage(), refused.data()));
      } else if (cause != null) {
        log.warn("Namespace {} failed to accept a connection", name, cause);
        send(codec.connectError(name, "Internal error", null));
      } else {
        send(codec.connectError(name, "Refused", null));
      }
      return;
    }
    sockets.put(name, socket);
    everConnected = true;
    cancelConnectTimer();
    send(codec.connected(name, socket.id(), socket.pid()));
    socket.accepted(listener);
  }

  private static Throwable failureOf(CompletableFuture<?> failed) {
    try {
      failed.join();
      return null;
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  /** Whether EVENTs for {@code namespace} are decoded raw: its socket's listener takes them so. */
  private boolean takesRawEvents(String namespace) {
    NamespaceSocket socket = sockets.get(namespace);
    return socket != null && socket.takesRawEvents();
  }

  private void event(SocketIoPacket packet) {
    NamespaceSocket socket = sockets.get(packet.namespace());
    if (socket == null) {
      log.debug("Session {}: event for unconnected namespace {} ignored", engineIo.id(), packet.namespace());
      return;
    }
    Ack ack = packet.ackId() == null ? null : new OnceAck(socket.namespace(), packet.ackId());
    if (packet.rawEvent() != null) {
      socket.deliverRaw(packet.rawEvent().name(), packet.rawEvent().args(), ack);
      return;
    }
    ArrayNode data = (ArrayNode) packet.data();
    String event = data.get(0).textValue();
    List<JsonNode> args = new ArrayList<>(data.size() - 1);
    for (int i = 1; i < data.size(); i++) {
      args.add(data.get(i));
    }
    socket.deliver(event, args, ack);
  }

  private synchronized void cancelConnectTimer() {
    ScheduledFuture<?> timer = connectTimer;
    if (timer != null) {
      timer.cancel(false);
      connectTimer = null;
    }
  }

  /** The request that opened the session (no credential: that comes in each CONNECT). */
  dev.signaling.core.Handshake handshake() {
    return engineIo.handshake();
  }

  private void closeIfNeverConnected() {
    if (!everConnected && sockets.isEmpty()) {
      log.debug("Session {} joined no namespace in time; closing", engineIo.id());
      engineIo.close();
    }
  }

  private void protocolError(MalformedPacketException e) {
    log.debug("Session {}: malformed Socket.IO packet ({}); closing", engineIo.id(), e.getMessage());
    engineIo.close();
  }

  private static boolean isBinaryType(SocketIoPacket packet) {
    return packet.type() == SocketIoPacket.BINARY_EVENT || packet.type() == SocketIoPacket.BINARY_ACK;
  }

  // ---- used by NamespaceSocket

  SocketIoPacketCodec codec() {
    return codec;
  }

  void send(SocketIoPacketCodec.Encoded packet) {
    if (packet.attachments().isEmpty()) {
      engineIo.sendText(packet.text());
    } else {
      engineIo.sendText(packet.text(), packet.attachments());
    }
  }

  /** The server ends {@code socket}'s membership. */
  /** Asks the client for a sign of life ({@link EngineIoSocket#probe}). */
  void probe(java.time.Duration within) {
    engineIo.probe(within);
  }

  void serverDisconnect(NamespaceSocket socket, boolean closeConnection) {
    if (sockets.remove(socket.namespace(), socket)) {
      send(codec.disconnect(socket.namespace()));
    }
    if (closeConnection) {
      engineIo.close();
    }
  }

  /** Answers one acknowledgement, once; later calls are ignored. */
  private final class OnceAck implements Ack {
    private final String namespace;
    private final long id;
    private final AtomicBoolean used = new AtomicBoolean();

    OnceAck(String namespace, long id) {
      this.namespace = namespace;
      this.id = id;
    }

    @Override
    public void reply(List<JsonNode> args) {
      if (!used.compareAndSet(false, true)) {
        log.debug("Acknowledgement {} answered twice; the second answer is dropped", id);
        return;
      }
      ArrayNode data = codec.array();
      args.forEach(data::add);
      send(codec.ack(namespace, id, data));
    }
  }
}
