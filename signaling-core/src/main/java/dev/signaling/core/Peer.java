package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.internal.ErrorBudget;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client, as the core sees it: an unguessable id, the room it is in, and the sink
 * its transport delivers events through. Created by {@link SignalingEngine#connect}.
 *
 * <p>Lifecycle: open → (disconnected). A transport calls {@link #receive} for each decoded client
 * event, {@link #reject} for each frame it could not decode, and {@link #disconnected()} exactly
 * when the connection ends; after that, calls are ignored.
 *
 * <p>Threading: the transport calls {@link #receive} and {@link #reject} one at a time for one
 * peer. Room operations may complete asynchronously (a cluster backend); the peer processes its
 * events strictly in order all the same, each after the previous one has finished.
 */
public final class Peer {
  private static final Logger log = LoggerFactory.getLogger(Peer.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final String id;
  private final PeerSink sink;
  private final SignalingEngine engine;
  private final ErrorBudget errors;
  /** Steps waiting for the one in progress; see {@link #enqueue}. */
  private final ConcurrentLinkedQueue<Supplier<CompletionStage<Void>>> waiting = new ConcurrentLinkedQueue<>();
  /** Whether a thread is running this peer's steps (or one of them is still completing). */
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();
  /** The room this peer is in; written only by the peer's own serial event processing. */
  private volatile String room;

  Peer(String id, PeerSink sink, SignalingEngine engine, ErrorBudget errors) {
    this.id = id;
    this.sink = sink;
    this.engine = engine;
    this.errors = errors;
  }

  /** The peer's id: 128 random bits, distinct from every other peer's. */
  public String id() {
    return id;
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

  /** Handles one event from the client, after all earlier ones; ignored once the engine drains. Never throws. */
  public void receive(ClientEvent event) {
    if (!open.get() || engine.isDraining()) {
      return; // a draining node starts no new work: the client is being told to go elsewhere
    }
    enqueue(() -> engine.handle(this, event));
  }

  /**
   * Tells the client its frame was refused (the transport or codec could not decode it). Counts
   * against the peer's error budget like every error the peer causes.
   */
  public void reject(SignalingException error) {
    if (!open.get()) {
      return;
    }
    enqueue(() -> {
      sendError(error);
      return DONE;
    });
  }

  /** Sends {@code event} to this peer. Never blocks. */
  public void send(ServerEvent event) {
    sink.send(event);
  }

  /** Sends an application event to this peer. */
  public void emit(String event, List<JsonNode> args) {
    send(new ServerEvent.Custom(event, args));
  }

  /** Closes the connection; the transport then reports {@link #disconnected()}. Idempotent. */
  public void close(CloseReason reason, String description) {
    sink.close(reason, description);
  }

  /**
   * Called by the transport once the connection has ended, for whatever reason. Leaves the
   * peer's room (the others get {@code bye}). Idempotent.
   */
  public void disconnected() {
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
    return "Peer{id=" + id + ", room=" + room + ", open=" + open.get() + "}";
  }
}
