package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.cluster.SessionEndResult;
import dev.signaling.core.internal.ErrorBudget;
import dev.signaling.core.internal.TokenBucket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client, as the core sees it: an unguessable id, the room it is in, and the sink
 * its transport delivers events through. Created by {@link SignalingEngine#connect}.
 *
 * <p>Lifecycle: open → (disconnected). A transport calls {@link #receive} for each decoded client
 * event, {@link #reject} for each frame it could not decode, and {@link #disconnected()} (or
 * {@link #connectionLost()}) exactly when the connection ends; after that, calls are ignored.
 *
 * <p>Resume: where the engine's {@link ResumePolicy} is enabled, a peer is a resumable session.
 * A transport that reports a dropped connection with {@link #connectionLost()} keeps the peer in
 * its room for the window, numbering and buffering the events sent to it, until a new
 * connection resumes it ({@link SignalingEngine#connect(Handshake, PeerSink, ResumeRequest)}) or the window
 * ends (then it leaves, as with {@link #disconnected()}). Client events numbered with a {@code
 * seq} ({@link #receive(ClientEvent, long)}) are processed once: a repeated number is dropped.
 *
 * <p>Threading: the transport calls {@link #receive} and {@link #reject} one at a time for one
 * peer. Room operations may complete asynchronously (a cluster backend); the peer processes its
 * events strictly in order all the same, each after the previous one has finished.
 *
 * <p>Authentication: when the engine has an {@link Authenticator}, checking the peer's {@link
 * #handshake()} is its first step. Events the transport hands over meanwhile wait, in order,
 * and run once the identity is known; if the authenticator refuses, the transport's {@link
 * PeerSink#refuse} is called and they are dropped. {@link #authentication()} tells transports
 * that must answer the handshake itself (Socket.IO's CONNECT) when that is.
 */
public final class Peer {
  private static final Logger log = LoggerFactory.getLogger(Peer.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final String id;
  private final Handshake handshake;
  /** Where events go when the peer is not resumable; else the session's attached sink. */
  private final PeerSink sink;
  /** Null when resume is off. */
  private final ResumableSession session;
  /** The last client event seq processed; written by the transport's serial calls only. */
  private volatile long lastClientSeq;
  /**
   * Whether the room was told {@code peer-disconnected} and not yet {@code peer-reconnected};
   * read and written only by the peer's serial steps.
   */
  private boolean toldDisconnected;
  /** The server closed this peer's connection: its session ends rather than waits. */
  private volatile boolean closedByServer;
  private final SignalingEngine engine;
  private final ErrorBudget errors;
  /** Null when the engine has no rate limit. */
  private final TokenBucket rate;
  /** Steps waiting for the one in progress; see {@link #enqueue}. */
  private final ConcurrentLinkedQueue<Supplier<CompletionStage<Void>>> waiting = new ConcurrentLinkedQueue<>();
  /** Whether a thread is running this peer's steps (or one of them is still completing). */
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  /** The room this peer is in; written only by the peer's own serial event processing. */
  private volatile String room;
  /** Anonymous until (and unless) the authenticator answers. */
  private volatile Identity identity = Identity.anonymous();
  /** Null when no authenticator runs (the anonymous default); else completes with its answer. */
  private volatile CompletableFuture<Identity> authentication;
  /** False while the authenticator has not answered, and for good once it has refused. */
  private volatile boolean admitted = true;

  Peer(String id, Handshake handshake, PeerSink sink, SignalingEngine engine, ErrorBudget errors,
      TokenBucket rate, ResumableSession session) {
    this.id = id;
    this.handshake = handshake;
    this.sink = sink;
    this.session = session;
    this.engine = engine;
    this.errors = errors;
    this.rate = rate;
  }

  /** The peer's id: 128 random bits, distinct from every other peer's. */
  public String id() {
    return id;
  }

  /** What the connection's handshake carried (its credential is never logged). */
  public Handshake handshake() {
    return handshake;
  }

  /**
   * Who this connection belongs to, as the engine's {@link Authenticator} decided; {@link
   * Identity#anonymous()} without one, and while it has not answered yet (application handlers
   * never run before it has).
   */
  public Identity identity() {
    return identity;
  }

  /**
   * Completes with the peer's identity once the authenticator has admitted it (at once without
   * an authenticator), or fails with the refusal ({@link SignalingException} with code {@code
   * unauthorized} or {@code unavailable}). Completion may come on any thread.
   */
  public CompletionStage<Identity> authentication() {
    CompletableFuture<Identity> pending = authentication;
    return pending != null ? pending.minimalCompletionStage() : CompletableFuture.completedStage(identity);
  }

  /** The room this peer is in, if any. */
  public Optional<String> room() {
    return Optional.ofNullable(room);
  }

  /** Whether the connection is still open. */
  public boolean isOpen() {
    return open.get();
  }

  /** Application data attached to this connection (an auth payload, a user id...). */
  public ConcurrentMap<String, Object> attributes() {
    return attributes;
  }

  /**
   * Handles one event the client numbered {@code seq} (its own count, 1, 2, 3 …), after all
   * earlier ones, unless an event with this or a higher number was processed already (a client
   * re-sending after a resume): then it is dropped. A {@code seq} of 0 or less means unnumbered.
   *
   * @return false when the event was dropped as a repeat (or the peer has ended), so that a
   *     transport can still answer what the client asked (Socket.IO acknowledges a repeat again)
   */
  public boolean receive(ClientEvent event, long seq) {
    if (seq > 0) {
      if (seq <= lastClientSeq || !open.get()) {
        return false;
      }
      lastClientSeq = seq;
    }
    receive(event);
    return true;
  }

  /**
   * The client confirmed it received every server event numbered up to {@code seq}: they are
   * no longer kept for a replay.
   */
  public void acknowledged(long seq) {
    if (session != null && seq > 0) {
      session.acknowledged(seq);
    }
  }

  /** The last client event seq processed, 0 when none was numbered. */
  public long lastClientSeq() {
    return lastClientSeq;
  }

  /** Whether this peer is a resumable session (resume is enabled on the engine). */
  public boolean isResumable() {
    return session != null;
  }

  /**
   * Handles one event from the client, after all earlier ones. Never throws. An event over the
   * engine's {@link dev.signaling.core.limits.RateLimit} is not processed: the client gets an
   * {@code error} {@code rate-limited} instead, which counts against its error budget. Ignored
   * once the engine drains (closes every connection).
   */
  public void receive(ClientEvent event) {
    if (!open.get() || engine.isClosingAll()) {
      return; // a draining node starts no new work: the client is being told to go elsewhere
    }
    if (rate != null && !rate.tryTake()) {
      enqueue(() -> {
        if (admitted) {
          sendError(new SignalingException(ErrorCode.RATE_LIMITED, "more than "
              + engine.config().rateLimit().eventsPerSecond() + " events/s; event dropped"));
        }
        return DONE;
      });
      return;
    }
    enqueue(() -> admitted ? engine.handle(this, event) : DONE);
  }

  /**
   * Tells the client its frame was refused (the transport or codec could not decode it). Counts
   * against the peer's error budget like every error the peer causes.
   */
  public void reject(SignalingException error) {
    if (!open.get()) {
      return;
    }
    if (rate != null) {
      rate.tryTake(); // a refused frame costs a token too; its own error is answer enough
    }
    enqueue(() -> {
      if (admitted) {
        sendError(error);
      }
      return DONE;
    });
  }

  /**
   * Sends {@code event} to this peer. Never blocks. A resumable session numbers it and keeps it
   * for a replay; while detached it is only kept, and when the buffer cannot keep every event
   * the client missed, the session ends (its partners get {@code bye}).
   */
  public void send(ServerEvent event) {
    if (session == null) {
      sink.send(event);
    } else if (session.send(event)) {
      log.debug("Peer {}: resume buffer overflowed while detached; ending the session", id);
      end();
    }
  }

  /** Sends an application event to this peer. */
  public void emit(String event, List<JsonNode> args) {
    send(new ServerEvent.Custom(event, args));
  }

  /**
   * Closes the connection and ends the session (never resumable); the transport then reports
   * {@link #disconnected()} or {@link #connectionLost()}. Idempotent.
   */
  public void close(CloseReason reason, String description) {
    if (session == null) {
      sink.close(reason, description);
      return;
    }
    closedByServer = true;
    PeerSink attached = session.sink();
    if (attached != null) {
      attached.close(reason, description);
    } else {
      end(); // detached: no connection to close
    }
  }

  /**
   * Called by the transport once the connection has ended for good (the client left, or the
   * protocol does not resume). Leaves the peer's room (the others get {@code bye}). Idempotent.
   */
  public void disconnected() {
    end();
  }

  /**
   * Called by the transport when the connection dropped in a way the client may resume from (no
   * orderly close by the client, not closed by the server). A resumable session waits for the
   * window; otherwise this is {@link #disconnected()}. Idempotent.
   */
  public void connectionLost() {
    if (session == null || closedByServer || !session.detach(this::end)) {
      end();
      return;
    }
    if (log.isDebugEnabled()) {
      log.debug("Peer {}: connection lost; resumable for {}", id, session.window());
    }
    if (notifyPeers()) {
      enqueue(() -> {
        // Judged when the step runs: a resume that came first leaves nothing to tell.
        String current = room;
        if (open.get() && current != null && session.isDetached() && !toldDisconnected) {
          toldDisconnected = true;
          engine.broadcast(current, id, new ServerEvent.PeerDisconnected(current, id));
        }
        return DONE;
      });
    }
  }

  /**
   * Resumes this session on {@code newSink} (see {@link ResumableSession#attach}); ends the
   * session when the refusal leaves it unresumable.
   */
  ResumeOutcome attach(PeerSink newSink, long lastSeq) {
    ResumeOutcome outcome = session.attach(newSink, lastSeq, id, lastClientSeq);
    if (outcome == ResumeOutcome.OVERFLOWED || outcome == ResumeOutcome.INVALID_SEQ) {
      end();
    } else if (outcome == ResumeOutcome.RESUMED && notifyPeers()) {
      enqueue(() -> {
        String current = room;
        if (toldDisconnected && open.get() && current != null) {
          toldDisconnected = false;
          engine.broadcast(current, id, new ServerEvent.PeerReconnected(current, id));
        }
        return DONE;
      });
    }
    return outcome;
  }

  /** Asks the attached connection, if any, for a sign of life ({@link PeerSink#probe}). */
  void probe(java.time.Duration within) {
    PeerSink attached = session.sink();
    if (attached != null) {
      attached.probe(within);
    }
  }

  /** Whether room partners hear of this peer's drops and resumes ({@link ResumePolicy#notifyPeers()}). */
  private boolean notifyPeers() {
    return engine.config().resume().notifyPeers();
  }

  ResumableSession session() {
    return session;
  }

  /**
   * Ends this session if it is detached, for its client, which presented the token on another
   * node of the cluster: completes with {@code ENDED} once the peer has left its room (its
   * partners were sent {@code bye}); {@code IN_USE} while a connection is attached, {@code
   * NOT_FOUND} once ended.
   */
  CompletionStage<SessionEndResult> endDetached() {
    if (session == null) {
      return CompletableFuture.completedStage(SessionEndResult.NOT_FOUND);
    }
    if (!session.endIfDetached()) {
      return CompletableFuture.completedStage(
          session.isEnded() ? SessionEndResult.NOT_FOUND : SessionEndResult.IN_USE);
    }
    log.debug("Peer {}: ended for its client, which went to another node", id);
    CompletableFuture<SessionEndResult> left = new CompletableFuture<>();
    end();
    enqueue(() -> { // after the leave end() enqueued
      left.complete(SessionEndResult.ENDED);
      return DONE;
    });
    return left;
  }

  /** Ends the peer: out of the engine, out of its room (the others get {@code bye}). Idempotent. */
  private void end() {
    if (session != null) {
      session.end();
    }
    if (!open.compareAndSet(true, false)) {
      return;
    }
    engine.forget(this);
    enqueue(() -> engine.rooms().leaveCurrent(this));
  }

  /** Sends an error event and closes the connection when the peer has caused too many. */
  void sendError(SignalingException error) {
    engine.observer().errorSent(this, error.code());
    send(error.toEvent());
    if (!errors.spend()) {
      log.debug("Closing peer {}: error budget exceeded", id);
      close(CloseReason.POLICY_VIOLATION, "too many errors");
    }
  }

  void room(String room) {
    this.room = room;
  }

  /**
   * Makes the peer's admission its first steps; called by the engine right after creating the
   * peer, before the transport can hand it events: asking {@code authenticator} (null: none, the
   * peer stays anonymous), then, once admitted, waiting for {@code gate} with the identity (null:
   * none; a stage that does not fail, e.g. another node ending the session this connection
   * failed to resume), then running {@code onAdmitted} (null: nothing; the session's welcome).
   * Events wait meanwhile, in order; {@link #authentication()} completes after all of it.
   */
  void admit(Authenticator authenticator, Duration timeout,
      Function<Identity, CompletionStage<Void>> gate, Runnable onAdmitted) {
    admitted = false;
    authentication = new CompletableFuture<>();
    enqueue(() -> {
      CompletableFuture<Identity> answer = authenticator == null
          ? CompletableFuture.completedFuture(Identity.anonymous()) : ask(authenticator, timeout);
      return answer
          .handle((identity, failure) -> refused(identity, failure) ? null : identity)
          .thenCompose(identity -> identity == null ? DONE : admitAfter(identity, gate, onAdmitted));
    });
  }

  private CompletableFuture<Identity> ask(Authenticator authenticator, Duration timeout) {
    CompletableFuture<Identity> answer = new CompletableFuture<>();
    try {
      CompletionStage<Identity> stage = Objects.requireNonNull(authenticator.authenticate(handshake),
          "the authenticator returned null");
      stage.whenComplete((identity, failure) -> {
        if (failure != null) {
          answer.completeExceptionally(failure);
        } else {
          answer.complete(identity);
        }
      });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    if (!answer.isDone()) {
      answer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return answer;
  }

  /** True when the authenticator refused: the peer is then done for, and told so. */
  private boolean refused(Identity answered, Throwable failure) {
    if (failure == null && answered != null) {
      return false;
    }
    SignalingException refusal = refusal(failure);
    // A refused peer is done for: forgotten here, since the refusal may come before the
    // transport even holds the peer (a synchronous authenticator answers inside connect()).
    if (open.compareAndSet(true, false)) {
      engine.forget(this);
      log.debug("Peer {}: authentication refused ({}: {})", id, refusal.code().wireCode(), refusal.getMessage());
      sink.refuse(refusal);
    }
    authentication.completeExceptionally(refusal);
    return true;
  }

  private CompletionStage<Void> admitAfter(Identity answered, Function<Identity, CompletionStage<Void>> gate,
      Runnable onAdmitted) {
    identity = answered;
    CompletionStage<Void> before;
    try {
      before = gate == null ? DONE : gate.apply(answered);
    } catch (RuntimeException e) {
      log.warn("Peer {}: admission step failed", id, e);
      before = DONE;
    }
    return before.handle((ignored, failure) -> {
      admitted = true;
      if (onAdmitted != null) {
        onAdmitted.run();
      }
      authentication.complete(answered);
      return null;
    });
  }

  private SignalingException refusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause == null) {
      return new SignalingException(ErrorCode.UNAUTHORIZED, "no identity");
    }
    if (cause instanceof SignalingException refused) {
      return refused;
    }
    if (cause instanceof TimeoutException) {
      return new SignalingException(ErrorCode.UNAVAILABLE, "authentication timed out");
    }
    log.warn("Peer {}: the authenticator failed; refusing the connection", id, cause);
    return new SignalingException(ErrorCode.UNAUTHORIZED, "authentication failed");
  }

  /**
   * Runs {@code step} after every step enqueued before it has completed. The common case costs
   * no allocation beyond the step: when nothing is in progress the step runs at once on the
   * calling thread, and when its stage is already complete (in-memory rooms, relays) the next
   * waiting step follows in the same loop. A step whose stage completes later (a cluster
   * backend) hands the loop to the thread that completes it.
   */
  private void enqueue(Supplier<CompletionStage<Void>> step) {
    if (waiting.isEmpty() && busy.compareAndSet(false, true)) {
      if (!runInline(step)) {
        return; // still completing: its completion resumes the loop
      }
    } else {
      waiting.add(step);
      if (!busy.compareAndSet(false, true)) {
        return; // the thread running this peer's steps will pick it up
      }
    }
    drain();
  }

  /** With {@link #busy} held: runs waiting steps until none is left or one completes later. */
  private void drain() {
    while (true) {
      Supplier<CompletionStage<Void>> next;
      while ((next = waiting.poll()) != null) {
        if (!runInline(next)) {
          return;
        }
      }
      busy.set(false);
      // A step may have been added between the last poll and the release: take it over unless
      // its own caller already did.
      if (waiting.isEmpty() || !busy.compareAndSet(false, true)) {
        return;
      }
    }
  }

  /**
   * Runs one step with {@link #busy} held. True when it finished synchronously; false when its
   * stage completes later, in which case the completing thread continues with {@link #drain()}.
   */
  private boolean runInline(Supplier<CompletionStage<Void>> step) {
    CompletionStage<Void> stage;
    try {
      stage = step.get();
    } catch (RuntimeException e) {
      log.warn("Peer {}: event processing failed", id, e);
      return true;
    }
    if (stage instanceof CompletableFuture<Void> future && future.isDone()) {
      if (future.isCompletedExceptionally()) {
        future.whenComplete((ignored, failure) -> log.warn("Peer {}: event processing failed", id, failure));
      }
      return true;
    }
    stage.whenComplete((ignored, failure) -> {
      if (failure != null) {
        log.warn("Peer {}: event processing failed", id, failure);
      }
      drain();
    });
    return false;
  }

  @Override
  public String toString() {
    return "Peer{id=" + id + ", room=" + room + ", open=" + open.get() + ", identity=" + identity + "}";
  }
}
