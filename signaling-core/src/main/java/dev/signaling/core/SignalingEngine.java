package dev.signaling.core;

import dev.signaling.core.cluster.InMemoryRoomBackend;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.core.cluster.RoomDelivery;
import dev.signaling.core.cluster.SessionEndRequest;
import dev.signaling.core.cluster.SessionEndResult;
import dev.signaling.core.ice.IceConfiguration;
import dev.signaling.core.ice.IceServerProvider;
import dev.signaling.core.cluster.BackendHealth;
import dev.signaling.core.internal.ErrorBudget;
import dev.signaling.core.internal.IceServerPush;
import dev.signaling.core.internal.PeerIds;
import dev.signaling.core.internal.ServerAddresses;
import dev.signaling.core.internal.TokenBucket;
import dev.signaling.core.limits.ConnectionAdmission;
import dev.signaling.core.limits.ConnectionLimits;
import dev.signaling.core.limits.TrustedProxies;
import dev.signaling.core.internal.TimedRoomBackend;
import dev.signaling.core.internal.TokenDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * {@link #drain} first refuses new connections and asks the open ones to reconnect elsewhere
 * (1012, service restart). A {@link SignalingObserver} set on the builder is told of
 * connections, joins, relays, errors and backend calls (metrics, logs).
 */
public final class SignalingEngine implements AutoCloseable {
  /** Names the wire protocols reserve; applications cannot register handlers for them. */
  public static final Set<String> BUILT_IN_EVENTS = Set.of(
      "create or join", "message", "bye", "ipaddr", "created", "join", "joined", "ready", "full",
      "log", "error", "ack", "ice-servers", "welcome", "resumed", "peer-disconnected",
      "peer-reconnected");

  private static final Logger log = LoggerFactory.getLogger(SignalingEngine.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final SignalingConfig config;
  private final RoomBackend backend;
  private final RoomManager rooms;
  private final Map<String, EventHandler> handlers;
  private final InstantSource clock;
  private final Supplier<String> peerIds;
  private final Authenticator authenticator;
  private final Duration authenticationTimeout;
  private final SignalingObserver observer;
  private final LongSupplier nanoTime;
  private final Connections connections;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();
  private final ConnectionAdmission admission;
  private final IceServerProvider iceServers;
  /** Null unless the builder was given an {@link IceServerProvider}. */
  private final IceServerPush icePush;
  /** The refresh scheduler this engine made itself (and shuts down), or null. */
  private final ScheduledExecutorService ownScheduler;
  private final Supplier<String> resumeTokens;
  /** Resumable sessions by the SHA-256 digest of their resume token ({@link TokenDigest}). */
  private final ConcurrentHashMap<String, Peer> sessions = new ConcurrentHashMap<>();
  private final AtomicLongArray resumeOutcomes = new AtomicLongArray(ResumeOutcome.values().length);
  private final Scheduler resumeScheduler;
  /** The resume windows' executor when the engine made it (no scheduler given); shut down on close. */
  private final ScheduledExecutorService ownResumeExecutor;

  private SignalingEngine(Builder builder) {
    this.admission = new ConnectionAdmission(builder.connectionLimits, builder.trustedProxies);
    this.config = builder.config;
    this.observer = builder.observer;
    this.nanoTime = builder.nanoTime;
    this.backend = new TimedRoomBackend(
        builder.backend != null ? builder.backend : new InMemoryRoomBackend(), observer, nanoTime);
    this.rooms = new RoomManager(config, backend, observer, nanoTime, builder.showSubjects);
    this.handlers = Map.copyOf(builder.handlers);
    this.clock = builder.clock;
    this.peerIds = builder.peerIds;
    this.authenticator = builder.authenticator;
    this.authenticationTimeout = builder.authenticationTimeout;
    if (builder.iceServerProvider != null) {
      this.iceServers = builder.iceServerProvider;
      ScheduledExecutorService scheduler = builder.scheduler;
      this.ownScheduler = scheduler == null ? refreshScheduler() : null;
      this.icePush = new IceServerPush(iceServers, scheduler != null ? scheduler : ownScheduler, clock);
    } else {
      this.iceServers = IceServerProvider.fixed(config.iceServers());
      this.ownScheduler = null;
      this.icePush = null;
    }
    this.connections = new Connections(observer, this::checkDrained);
    observer.bound(this);
    this.resumeTokens = builder.resumeTokens;
    if (builder.resumeScheduler != null || !config.resume().enabled()) {
      this.ownResumeExecutor = null;
      this.resumeScheduler = builder.resumeScheduler;
    } else {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "signaling-resume-windows");
        thread.setDaemon(true);
        return thread;
      });
      executor.setRemoveOnCancelPolicy(true);
      this.ownResumeExecutor = executor;
      this.resumeScheduler = (delay, task) -> {
        var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      };
    }
    backend.start(new LocalPeers() {
      @Override
      public boolean deliver(String peerId, ServerEvent event) {
        return deliverLocally(peerId, event);
      }

      @Override
      public CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
        return endLocalSession(request);
      }
    });
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

  /**
   * Registers a new connection whose handshake carried nothing ({@link Handshake#empty()}): with
   * an authenticator configured it will normally be refused. Transports call {@link
   * #connect(Handshake, PeerSink)}.
   */
  public Peer connect(PeerSink sink) {
    return connect(Handshake.empty(), sink);
  }

  /**
   * Registers a new connection; the transport routes its events to the returned peer at once.
   * When an {@link Authenticator} is configured, the peer first authenticates {@code handshake}
   * (see {@link Peer#authentication()}): its events wait, in order, meanwhile, and a refusal
   * goes to {@link PeerSink#refuse}. Never blocks.
   *
   * <p>A handshake whose query carries {@code ?resume=<token>&seq=<n>} asks to resume a dropped
   * session ({@link #connect(Handshake, PeerSink, ResumeRequest)}).
   */
  public Peer connect(Handshake handshake, PeerSink sink) {
    Objects.requireNonNull(handshake, "handshake");
    return connect(handshake, sink, ResumeRequest.fromQuery(handshake.queryParameters()).orElse(null));
  }

  /**
   * Registers a new connection, resuming the session {@code resume} names when it asks for one
   * (null: a new session). The transport routes the connection's events to the returned peer.
   *
   * <p>Before returning, the sink has been told about its session ({@link PeerSink#session}):
   * a resume that succeeds gets {@link SessionNotice.Resumed} followed by the replay of the
   * events numbered above {@link ResumeRequest#lastSeq()}; one that fails gets {@link
   * SessionNotice.ResumeFailed}, and then, like every new resumable session once admitted,
   * {@link SessionNotice.Welcome}. The outcome is counted ({@link #resumeOutcomes()}) and
   * reported ({@link SignalingObserver#resumeCompleted}).
   *
   * <p>A token no session here has may belong to a session on another node of a cluster (no
   * sticky sessions): once the new connection is admitted, the backend is asked to end it there
   * ({@link RoomBackend#endSession}), so that its place in its room is free and its partners got
   * {@code bye}; only then, within the backend's bound, are {@code resume-failed} ({@link
   * ResumeOutcome#ENDED_ELSEWHERE} when it was ended) and the welcome sent, and the
   * connection's events processed. With the in-memory backend that is at once.
   *
   * <p>With an {@link Authenticator}, a resume is allowed only to the identity the session
   * belongs to: the authenticator must answer {@code handshake} at once (a token verified
   * locally) with the same subject ({@link Identity#subject()}); otherwise the outcome is {@link
   * ResumeOutcome#FORBIDDEN}.
   */
  public Peer connect(Handshake handshake, PeerSink sink, ResumeRequest resume) {
    Objects.requireNonNull(handshake, "handshake");
    Objects.requireNonNull(sink, "sink");
    if (resume != null) {
      ResumeOutcome outcome;
      String digest = TokenDigest.of(resume.token());
      Peer old = sessions.get(digest);
      if (!config.resume().enabled()) {
        outcome = ResumeOutcome.DISABLED;
      } else if (old == null) {
        // Not here: in a cluster it may live on another node, which ends it first.
        return newPeer(handshake, sink, identity -> endElsewhere(digest, identity, sink));
      } else if (authenticator != null && !sameIdentity(old, handshake)) {
        outcome = ResumeOutcome.FORBIDDEN;
      } else {
        outcome = old.attach(sink, resume.lastSeq());
      }
      if (outcome == ResumeOutcome.RESUMED) {
        resumeCompleted(outcome);
        return old;
      }
      resumeRefused(outcome, sink);
    }
    return newPeer(handshake, sink, null);
  }

  /**
   * As {@link #connect(Handshake, PeerSink, ResumeRequest)}, for transports that can wait: a
   * resume whose session is still attached to a connection here (with an authenticator: of the
   * same identity) waits up to {@link ResumePolicy#reconnectGrace()} for that connection's end,
   * asking it for a sign of life ({@link PeerSink#probe}) meanwhile, and then resumes; a
   * connection that proves alive keeps its session and the resume is refused ({@code in-use}).
   * Everything else completes at once, before this method returns. Without a resume request the
   * handshake's query is read for one, as {@link #connect(Handshake, PeerSink)} does. The
   * transport routes the connection's events to the peer once the stage completes (holding
   * those that come earlier, in order).
   */
  public CompletionStage<Peer> connectAsync(Handshake handshake, PeerSink sink, ResumeRequest resume) {
    Objects.requireNonNull(handshake, "handshake");
    Objects.requireNonNull(sink, "sink");
    ResumeRequest request = resume != null ? resume
        : ResumeRequest.fromQuery(handshake.queryParameters()).orElse(null);
    Duration grace = config.resume().reconnectGrace();
    Peer old = request == null || !config.resume().enabled() || grace.isZero()
        ? null : sessions.get(TokenDigest.of(request.token()));
    if (old == null || !old.session().isAttached()
        || (authenticator != null && !sameIdentity(old, handshake))) {
      return CompletableFuture.completedFuture(connect(handshake, sink, request));
    }
    log.debug("Resume of an attached session: waiting up to {} for its connection's end", grace);
    return ReconnectGrace.await(old, grace, resumeScheduler, () -> connect(handshake, sink, request));
  }

  /**
   * A resume token unknown here: asks the backend to end the session on the node that holds it
   * (a cluster without sticky sessions), so that its place in the room is free and its partners
   * got {@code bye} before this connection is told {@code resume-failed} and starts over. The
   * backend answers within a short bound; a single node answers at once.
   */
  private CompletionStage<Void> endElsewhere(String digest, Identity identity, PeerSink sink) {
    SessionEndRequest request = new SessionEndRequest(digest,
        authenticator == null ? null : identity.subject().orElse(null));
    CompletionStage<SessionEndResult> answer;
    try {
      answer = backend.endSession(request);
    } catch (RuntimeException e) {
      log.warn("The room backend failed to end a session elsewhere", e);
      answer = CompletableFuture.completedStage(SessionEndResult.NOT_FOUND);
    }
    return answer.handle((result, failure) -> {
      ResumeOutcome outcome = failure != null || result == null ? ResumeOutcome.UNKNOWN : switch (result) {
        case ENDED -> ResumeOutcome.ENDED_ELSEWHERE;
        case IN_USE -> ResumeOutcome.IN_USE;
        case FORBIDDEN -> ResumeOutcome.FORBIDDEN;
        case NOT_FOUND -> ResumeOutcome.UNKNOWN;
      };
      resumeRefused(outcome, sink);
      return null;
    });
  }

  /**
   * Another node's client presented the token of a session held here: ends it if detached and,
   * with an authenticator, of the same subject (the rule a resume follows).
   */
  private CompletionStage<SessionEndResult> endLocalSession(SessionEndRequest request) {
    Peer old = sessions.get(request.tokenDigest());
    if (old == null) {
      return CompletableFuture.completedStage(SessionEndResult.NOT_FOUND);
    }
    if (authenticator != null && (request.subject() == null
        || !old.identity().subject().equals(Optional.of(request.subject())))) {
      log.debug("Session end refused: another identity");
      return CompletableFuture.completedStage(SessionEndResult.FORBIDDEN);
    }
    return old.endDetached();
  }

  private void resumeCompleted(ResumeOutcome outcome) {
    resumeOutcomes.incrementAndGet(outcome.ordinal());
    observer.resumeCompleted(outcome);
  }

  private void resumeRefused(ResumeOutcome outcome, PeerSink sink) {
    resumeCompleted(outcome);
    log.debug("Resume refused: {}", outcome);
    sink.session(new SessionNotice.ResumeFailed(outcome));
  }

  private boolean sameIdentity(Peer old, Handshake handshake) {
    CompletableFuture<Identity> answer;
    try {
      answer = authenticator.authenticate(handshake).toCompletableFuture();
    } catch (RuntimeException e) {
      return false;
    }
    return answer.isDone() && !answer.isCompletedExceptionally()
        && old.identity().subject().isPresent()
        && old.identity().subject().equals(answer.join().subject());
  }

  /**
   * A new session; {@code gate} (null: none) runs after the authenticator has admitted it and
   * before its welcome and its events.
   */
  private Peer newPeer(Handshake handshake, PeerSink sink, Function<Identity, CompletionStage<Void>> gate) {
    ErrorBudget errors = new ErrorBudget(config.errorLimit(), config.errorWindow(), clock);
    ResumePolicy policy = config.resume();
    ResumableSession session = policy.enabled()
        ? new ResumableSession(resumeTokens.get(), policy, resumeScheduler, sink) : null;
    TokenBucket rate = config.rateLimit().isUnlimited() ? null : new TokenBucket(config.rateLimit(), clock);
    Peer peer = new Peer(peerIds.get(), handshake, sink, this, errors, rate, session);
    if (peers.putIfAbsent(peer.id(), peer) != null) {
      throw new IllegalStateException("peer id generator repeated an id");
    }
    if (session != null && sessions.putIfAbsent(session.tokenDigest(), peer) != null) {
      peers.remove(peer.id(), peer);
      throw new IllegalStateException("resume token generator repeated a token");
    }
    // The first event of an admitted session: before any of its numbered events, which wait
    // for the admission too.
    Runnable welcome = session == null ? null
        : () -> session.notice(new SessionNotice.Welcome(peer.id(), session.token(), policy.window()));
    if (authenticator != null || gate != null) {
      peer.admit(authenticator, authenticationTimeout, gate, welcome);
    } else if (welcome != null) {
      welcome.run();
    }
    if (icePush != null) {
      // ICE servers (TURN credentials) only for admitted peers, named by their subject.
      peer.authentication().thenAccept(identity -> {
        if (peer.isOpen()) {
          icePush.start(peer, identity.subject().orElse(peer.id()));
        }
      });
    }
    return peer;
  }

  /** How many resume attempts ended each way since the engine started. */
  public Map<ResumeOutcome, Long> resumeOutcomes() {
    Map<ResumeOutcome, Long> counts = new EnumMap<>(ResumeOutcome.class);
    for (ResumeOutcome outcome : ResumeOutcome.values()) {
      counts.put(outcome, resumeOutcomes.get(outcome.ordinal()));
    }
    return counts;
  }

  /** Number of sessions waiting to be resumed (connection lost, window not over). */
  public long detachedSessionCount() {
    return sessions.values().stream().filter(p -> p.session().isDetached()).count();
  }

  /** Number of resumable sessions this node holds, attached or waiting (for tests: nothing leaks). */
  int sessionCount() {
    return sessions.size();
  }

  /** Whether connections are authenticated (an {@link Authenticator} is configured). */
  public boolean authenticates() {
    return authenticator != null;
  }

  /**
   * Authenticates a plain HTTP request the way a connection's handshake is (for example {@code
   * GET /config}, which hands out TURN credentials only to whoever may connect): the
   * authenticator's identity, {@link Identity#anonymous()} without an authenticator, or a stage
   * failed with a {@link SignalingException} ({@link ErrorCode#UNAUTHORIZED} for a refusal or
   * an authenticator that failed otherwise). Never throws; the stage may complete later.
   */
  public CompletionStage<Identity> authenticate(Handshake handshake) {
    Objects.requireNonNull(handshake, "handshake");
    if (authenticator == null) {
      return CompletableFuture.completedStage(Identity.anonymous());
    }
    CompletionStage<Identity> answer;
    try {
      answer = Objects.requireNonNull(authenticator.authenticate(handshake), "the authenticator returned null");
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedStage(e);
    }
    return answer.handle((identity, failure) -> {
      if (failure == null && identity != null) {
        return identity;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof SignalingException refusal) {
        throw refusal;
      }
      log.warn("Authenticator failed on an HTTP request", cause);
      throw new SignalingException(ErrorCode.UNAUTHORIZED, "unauthorized");
    });
  }

  /**
   * The ICE servers for {@code userId} (the authenticated subject, or an id of the caller's
   * choosing for anonymous clients): the {@link Builder#iceServerProvider}'s answer, else the
   * config's fixed {@link SignalingConfig#iceServers()}. What an HTTP handler such as {@code
   * GET /config} serves.
   */
  public CompletionStage<IceConfiguration> iceServers(String userId) {
    return iceServers.iceServers(Objects.requireNonNull(userId, "userId"));
  }

  private static ScheduledExecutorService refreshScheduler() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "signaling-ice-refresh");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.setRemoveOnCancelPolicy(true); // closed connections' refreshes leave the queue at once
    return scheduler;
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

  /** This engine's connections: where transports admit them, counted by protocol and transport. */
  public Connections connections() {
    return connections;
  }

  /** Whether the room backend can serve now (see {@link RoomBackend#health()}). Never blocks. */
  public BackendHealth backendHealth() {
    return backend.health();
  }

  /** Whether the drain began ({@link #stopAccepting} or {@link #drain}): new connections are refused. */
  public boolean isDraining() {
    return connections.isDraining();
  }

  /**
   * The drain's first step, on its own: from now on new connections are refused (close 1012 or
   * HTTP 503, see {@link Connections#admit}) and {@link #isDraining()} is true (readiness probes
   * answer 503), while the open connections keep working. A server calls it, waits until load
   * balancers have seen the readiness change, then calls {@link #drain}. Idempotent.
   */
  public void stopAccepting() {
    synchronized (connections) {
      if (connections.isDraining()) {
        return;
      }
      connections.refuseNew();
    }
    observer.drainStarted();
    log.info("Draining: refusing new connections ({} open)", connections.count());
  }

  /**
   * Drains this node before it stops: new connections are refused (as {@link #stopAccepting}),
   * no new event is processed, every open connection and peer is closed with 1012 (service
   * restart: clients reconnect at once, to another node behind a load balancer) after what was
   * queued for it is sent, and this method waits until all of them are gone or {@code timeout}
   * passes. Calling it again waits again. Does not close the engine: call {@link #close()} after.
   *
   * @return true when every connection and peer was gone within {@code timeout}
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    stopAccepting();
    log.info("Draining: closing {} connection(s) with 1012", connections.count());
    connections.drain();
    for (Peer peer : peers.values()) {
      peer.close(CloseReason.SERVICE_RESTART, "server draining");
    }
    checkDrained();
    try {
      drained.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the drain is closing every connection: no new work starts. */
  boolean isClosingAll() {
    return connections.isClosingAll();
  }

  private void checkDrained() {
    if (connections.isClosingAll() && connections.count() == 0 && peers.isEmpty()) {
      drained.complete(null);
    }
  }

  /**
   * The observer set on the builder ({@link SignalingObserver#NONE} by default), for components
   * that report to it (a resume mechanism's outcomes, a transport's refusals).
   */
  public SignalingObserver observer() {
    return observer;
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
    ResumableSession session = peer.session();
    if (session != null) {
      sessions.remove(session.tokenDigest(), peer);
    }
    if (icePush != null) {
      icePush.stop(peer);
    }
    checkDrained();
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
    long started = event instanceof ClientEvent.CreateOrJoin ? nanoTime.getAsLong() : 0;
    CompletionStage<Void> stage;
    try {
      stage = dispatch(peer, event, started);
    } catch (SignalingException e) {
      joinRefused(event, e, started);
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
        joinRefused(event, e, started);
        peer.sendError(e);
      } else {
        log.warn("Peer {}: failed to handle {}", peer.id(), event.getClass().getSimpleName(), cause);
        peer.sendError(new SignalingException(ErrorCode.INTERNAL, "internal error"));
      }
      return null;
    });
  }

  /** Counts a join that ended in an error with a join outcome (forbidden, unavailable). */
  private void joinRefused(ClientEvent event, SignalingException error, long started) {
    if (!(event instanceof ClientEvent.CreateOrJoin)) {
      return;
    }
    JoinOutcome outcome = switch (error.code().wireCode()) {
      case "unavailable" -> JoinOutcome.UNAVAILABLE;
      case "forbidden" -> JoinOutcome.FORBIDDEN;
      default -> null; // invalid-room, already-in-room: refused before any join, not an outcome
    };
    if (outcome != null) {
      observer.joinCompleted(outcome, Duration.ofNanos(nanoTime.getAsLong() - started));
    }
  }

  private CompletionStage<Void> dispatch(Peer peer, ClientEvent event, long started) {
    if (event instanceof ClientEvent.Message message) {
      rooms.relay(peer, message.payload(), message.targetPeerId());
      return DONE;
    } else if (event instanceof ClientEvent.CreateOrJoin join) {
      return rooms.join(peer, join.room(), started);
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
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
    if (ownResumeExecutor != null) {
      ownResumeExecutor.shutdownNow();
    }
  }

  public static final class Builder {
    private SignalingConfig config = SignalingConfig.DEFAULT;
    private RoomBackend backend;
    private final Map<String, EventHandler> handlers = new HashMap<>();
    private InstantSource clock = InstantSource.system();
    private Supplier<String> peerIds = new PeerIds();
    private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULT;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private Authenticator authenticator;
    private Duration authenticationTimeout = Duration.ofSeconds(10);
    private boolean showSubjects;
    private IceServerProvider iceServerProvider;
    private ScheduledExecutorService scheduler;
    private SignalingObserver observer = SignalingObserver.NONE;
    private LongSupplier nanoTime = System::nanoTime;
    private Supplier<String> resumeTokens = new PeerIds();
    private Scheduler resumeScheduler;

    private Builder() {}

    /**
     * Runs the resume windows' timers; by default the engine starts one daemon thread for them
     * (only when resume is enabled) and stops it on {@link #close()}.
     */
    public Builder resumeScheduler(Scheduler scheduler) {
      this.resumeScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Generates resume tokens; 128 random bits by default, independent of the peer ids. */
    public Builder resumeTokens(Supplier<String> resumeTokens) {
      this.resumeTokens = Objects.requireNonNull(resumeTokens, "resumeTokens");
      return this;
    }

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

    /**
     * Authenticates every new connection (see {@link Authenticator}); without one, every
     * connection is {@link Identity#anonymous()} and may enter any room.
     */
    public Builder authenticator(Authenticator authenticator) {
      Objects.requireNonNull(authenticator, "authenticator");
      this.authenticator = authenticator == Authenticator.ANONYMOUS ? null : authenticator;
      return this;
    }

    /**
     * Shows each sender's authenticated subject to the receivers of its relayed messages: {@code
     * message} events then carry it as a third argument, {@code [payload, fromPeerId,
     * fromSubject]} (omitted for senders without a subject). Off by default: the wire carries
     * peer ids only.
     */
    public Builder showSubjects(boolean show) {
      this.showSubjects = show;
      return this;
    }

    /**
     * How long an authenticator may take before the connection is refused {@code unavailable};
     * 10 s by default.
     */
    public Builder authenticationTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("authenticationTimeout must be positive, got " + timeout);
      }
      this.authenticationTimeout = timeout;
      return this;
    }

    /**
     * Who is told about connections, joins, relays, errors and backend calls: a metrics binder
     * (signaling-metrics-micrometer), a logger, or several with {@link
     * SignalingObserver#composite}. None by default.
     */
    public Builder observer(SignalingObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** The monotonic clock latencies are measured with ({@link System#nanoTime()} by default); for tests. */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
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

    /**
     * Computes each client's ICE servers (for example {@link
     * dev.signaling.core.ice.TurnRestIceServers}: time-limited TURN credentials). With one,
     * every connection gets an {@code ice-servers} event right after connect, and a fresh one
     * when three quarters of the remaining validity has passed; {@link #iceServers(String)}
     * answers with it. Without one (the default) no {@code ice-servers} event is sent and {@link
     * #iceServers(String)} answers the config's fixed servers.
     */
    public Builder iceServerProvider(IceServerProvider provider) {
      this.iceServerProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Where {@code ice-servers} refreshes are scheduled; by default the engine makes one daemon
     * thread for them (only with an {@link #iceServerProvider}) and stops it on close. A
     * scheduler given here is not shut down by the engine.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    public SignalingEngine build() {
      return new SignalingEngine(this);
    }
  }
}
