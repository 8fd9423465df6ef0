package dev.signaling.core;

import dev.signaling.core.cluster.InMemoryRoomBackend;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.core.cluster.RoomDelivery;
import dev.signaling.core.internal.ErrorBudget;
import dev.signaling.core.internal.PeerIds;
import dev.signaling.core.internal.ServerAddresses;
import dev.signaling.core.internal.TokenBucket;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.TrustedProxies;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-agnostic signaling core: one per server (per node in a cluster). Transports call
 * {@link #connect} when a connection opens and then talk to the returned {@link Peer}; the
 * engine dispatches events to the {@link RoomManager} and to application {@link EventHandler}s.
 *
 * <pre>{@code
 * SignalingEngine engine = SignalingEngine.builder()
 *     .config(SignalingConfig.builder().roomCapacity(2).build())
 *     .on("mute", (peer, args, ack) -> ...)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. Closing the engine closes every connection (1001, going away) and the backend.
 */
public final class SignalingEngine implements AutoCloseable {
  /** Names the wire protocols reserve; applications cannot register handlers for them. */
  public static final Set<String> BUILT_IN_EVENTS = Set.of(
      "create or join", "message", "bye", "ipaddr", "created", "join", "joined", "ready", "full",
      "log", "error", "ack");

  private static final Logger log = LoggerFactory.getLogger(SignalingEngine.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final SignalingConfig config;
  private final RoomBackend backend;
  private final RoomManager rooms;
  private final Map<String, EventHandler> handlers;
  private final InstantSource clock;
  private final Supplier<String> peerIds;
  private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();
  private final ConnectionAdmission admission;

  private SignalingEngine(Builder builder) {
    this.admission = new ConnectionAdmission(builder.connectionLimits, builder.trustedProxies);
    this.config = builder.config;
    this.backend = builder.backend != null ? builder.backend : new InMemoryRoomBackend();
    this.rooms = new RoomManager(config, backend);
    this.handlers = Map.copyOf(builder.handlers);
    this.clock = builder.clock;
    this.peerIds = builder.peerIds;
    LocalPeers local = this::deliverLocally;
    backend.start(local);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An engine with default settings and in-memory rooms. */
  public static SignalingEngine create() {
    return builder().build();
  }

  public SignalingConfig config() {
    return config;
  }

  /**
   * The connection accounting every transport serving this engine consults at each handshake
   * (see {@link ConnectionAdmission}): one per-address and per-server limit across protocols.
   */
  public ConnectionAdmission admission() {
    return admission;
  }

  /** Registers a new connection; the transport routes its events to the returned peer. */
  public Peer connect(PeerSink sink) {
    Objects.requireNonNull(sink, "sink");
    TokenBucket rate = config.rateLimit().isUnlimited() ? null : new TokenBucket(config.rateLimit(), clock);
    Peer peer = new Peer(peerIds.get(), sink,
        this, new ErrorBudget(config.errorLimit(), config.errorWindow(), clock), rate);
    if (peers.putIfAbsent(peer.id(), peer) != null) {
      throw new IllegalStateException("peer id generator repeated an id");
    }
    return peer;
  }

  /** The peer with {@code id} connected to this node, if any. */
  public Optional<Peer> peer(String id) {
    return Optional.ofNullable(peers.get(id));
  }

  /** Number of peers connected to this node. */
  public int peerCount() {
    return peers.size();
  }

  /** Number of rooms the backend holds (see {@link RoomBackend#roomCount()}). */
  public long roomCount() {
    return backend.roomCount();
  }

  /** Sends {@code event} to the members of {@code room} but {@code exceptPeerId} (may be null), on any node. */
  public void broadcast(String room, String exceptPeerId, ServerEvent event) {
    backend.deliver(RoomDelivery.toAllBut(room, exceptPeerId, event));
  }

  RoomManager rooms() {
    return rooms;
  }

  void forget(Peer peer) {
    peers.remove(peer.id(), peer);
  }

  private boolean deliverLocally(String peerId, ServerEvent event) {
    Peer peer = peers.get(peerId);
    if (peer == null) {
      return false;
    }
    peer.send(event);
    return true;
  }

  /** Dispatches one client event; the returned stage completes when the peer may go on. */
  CompletionStage<Void> handle(Peer peer, ClientEvent event) {
    CompletionStage<Void> stage;
    try {
      stage = dispatch(peer, event);
    } catch (SignalingException e) {
      peer.sendError(e);
      return DONE;
    }
    if (stage instanceof CompletableFuture<Void> done && done.isDone() && !done.isCompletedExceptionally()) {
      return done; // the common case: handled synchronously, nothing to chain
    }
    return stage.exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof SignalingException e) {
        peer.sendError(e);
      } else {
        log.warn("Peer {}: failed to handle {}", peer.id(), event.getClass().getSimpleName(), cause);
        peer.sendError(new SignalingException(ErrorCode.INTERNAL, "internal error"));
      }
      return null;
    });
  }

  private CompletionStage<Void> dispatch(Peer peer, ClientEvent event) {
    if (event instanceof ClientEvent.Message message) {
      rooms.relay(peer, message.payload(), message.targetPeerId());
      return DONE;
    } else if (event instanceof ClientEvent.CreateOrJoin join) {
      return rooms.join(peer, join.room());
    } else if (event instanceof ClientEvent.Bye bye) {
      return rooms.bye(peer, bye.room());
    } else if (event instanceof ClientEvent.IpAddr) {
      if (!config.ipAddrAnswers()) {
        throw new SignalingException(ErrorCode.UNKNOWN_EVENT, "ipaddr is disabled on this server");
      }
      for (String address : ServerAddresses.nonLoopbackIpv4()) {
        peer.send(new ServerEvent.IpAddr(address));
      }
      return DONE;
    } else if (event instanceof ClientEvent.Custom custom) {
      EventHandler handler = handlers.get(custom.name());
      if (handler == null) {
        throw new SignalingException(ErrorCode.UNKNOWN_EVENT, "unknown event '" + custom.name() + "'");
      }
      try {
        handler.handle(peer, custom.args(), custom.ack());
      } catch (SignalingException e) {
        throw e;
      } catch (RuntimeException e) {
        log.warn("Handler for event '{}' failed", custom.name(), e);
        throw new SignalingException(ErrorCode.INTERNAL, "handler for '" + custom.name() + "' failed");
      }
      return DONE;
    }
    throw new IllegalStateException("unhandled event type " + event.getClass());
  }

  /** Closes every connection (going away) and the backend. */
  @Override
  public void close() {
    for (Peer peer : peers.values()) {
      peer.close(CloseReason.GOING_AWAY, "server shutting down");
    }
    backend.close();
  }

  public static final class Builder {
    private SignalingConfig config = SignalingConfig.DEFAULT;
    private RoomBackend backend;
    private final Map<String, EventHandler> handlers = new HashMap<>();
    private InstantSource clock = InstantSource.system();
    private Supplier<String> peerIds = new PeerIds();
    private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULT;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;

    private Builder() {}

    /**
     * How many connections the transports serving this engine accept, in all and per client
     * address ({@link ConnectionLimits#DEFAULT}: 10,000 and 100).
     */
    public Builder connectionLimits(ConnectionLimits limits) {
      this.connectionLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Reverse proxies whose forwarding headers name the client's address; none by default. */
    public Builder trustedProxies(TrustedProxies proxies) {
      this.trustedProxies = Objects.requireNonNull(proxies, "proxies");
      return this;
    }

    public Builder config(SignalingConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Where room membership lives; in memory (one node) by default. */
    public Builder backend(RoomBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** Registers an application event; {@code name} must not be a built-in event. */
    public Builder on(String name, EventHandler handler) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(handler, "handler");
      if (BUILT_IN_EVENTS.contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is a built-in event");
      }
      if (handlers.putIfAbsent(name, handler) != null) {
        throw new IllegalArgumentException("a handler for '" + name + "' is registered already");
      }
      return this;
    }

    /** The clock error budgets and rate limits count time with; the system clock by default. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Generates peer ids; 128 random bits by default. Tests may make them predictable. */
    public Builder peerIds(Supplier<String> peerIds) {
      this.peerIds = Objects.requireNonNull(peerIds, "peerIds");
      return this;
    }

    public SignalingEngine build() {
      return new SignalingEngine(this);
    }
  }
}
