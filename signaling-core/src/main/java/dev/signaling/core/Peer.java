package dev.signaling.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.internal.ErrorBudget;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
  private final AtomicReference<CompletableFuture<Void>> tail = new AtomicReference<>(DONE);
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

  /** Handles one event from the client, after all earlier ones. Never throws. */
  public void receive(ClientEvent event) {
    if (!open.get()) {
      return;
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
    send(error.toEvent());
    if (!errors.spend()) {
      log.debug("Closing peer {}: error budget exceeded", id);
      close(CloseReason.POLICY_VIOLATION, "too many errors");
    }
  }

  void room(String room) {
    this.room = room;
  }

  private void enqueue(java.util.function.Supplier<CompletionStage<Void>> step) {
    CompletableFuture<Void> next = new CompletableFuture<>();
    CompletableFuture<Void> previous = tail.getAndSet(next);
    if (previous.isDone()) {
      run(step, next);
    } else {
      previous.whenComplete((ignored, failure) -> run(step, next));
    }
  }

  private void run(java.util.function.Supplier<CompletionStage<Void>> step, CompletableFuture<Void> next) {
    try {
      step.get().whenComplete((ignored, failure) -> {
        if (failure != null) {
          log.warn("Peer {}: event processing failed", id, failure);
        }
        next.complete(null);
      });
    } catch (RuntimeException e) {
      log.warn("Peer {}: event processing failed", id, e);
      next.complete(null);
    }
  }

  @Override
  public String toString() {
    return "Peer{id=" + id + ", room=" + room + ", open=" + open.get() + "}";
  }
}
