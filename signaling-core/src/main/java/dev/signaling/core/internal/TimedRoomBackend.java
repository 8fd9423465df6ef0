package dev.signaling.core.internal;

import dev.signaling.core.SignalingObserver;
import dev.signaling.core.cluster.BackendHealth;
import dev.signaling.core.cluster.JoinResult;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.core.cluster.RoomDelivery;
import dev.signaling.core.cluster.SessionEndRequest;
import dev.signaling.core.cluster.SessionEndResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * A {@link RoomBackend} that reports how long each {@code join} and {@code leave} took to the
 * engine's observer (op {@code join} / {@code leave}); everything else passes through. Deliveries
 * are fire-and-forget and have no completion to time.
 */
public final class TimedRoomBackend implements RoomBackend {
  private final RoomBackend backend;
  private final SignalingObserver observer;
  private final LongSupplier nanoTime;

  public TimedRoomBackend(RoomBackend backend, SignalingObserver observer, LongSupplier nanoTime) {
    this.backend = backend;
    this.observer = observer;
    this.nanoTime = nanoTime;
  }

  @Override
  public void start(LocalPeers localPeers) {
    backend.start(localPeers);
  }

  @Override
  public CompletionStage<JoinResult> join(String room, String peerId, int capacity) {
    long started = nanoTime.getAsLong();
    return timed("join", backend.join(room, peerId, capacity), started);
  }

  @Override
  public CompletionStage<List<String>> leave(String room, String peerId) {
    long started = nanoTime.getAsLong();
    return timed("leave", backend.leave(room, peerId), started);
  }

  @Override
  public void deliver(RoomDelivery delivery) {
    backend.deliver(delivery);
  }

  @Override
  public CompletionStage<SessionEndResult> endSession(SessionEndRequest request) {
    return backend.endSession(request);
  }

  @Override
  public long roomCount() {
    return backend.roomCount();
  }

  @Override
  public BackendHealth health() {
    return backend.health();
  }

  @Override
  public void close() {
    backend.close();
  }

  private <T> CompletionStage<T> timed(String operation, CompletionStage<T> stage, long started) {
    if (stage instanceof CompletableFuture<T> future && future.isDone()) {
      // Completed already (in memory): report without chaining a stage.
      report(operation, started, future.isCompletedExceptionally());
      return stage;
    }
    stage.whenComplete((ignored, failure) -> report(operation, started, failure != null));
    return stage;
  }

  private void report(String operation, long started, boolean failed) {
    observer.backendCall(operation, Duration.ofNanos(nanoTime.getAsLong() - started), failed);
  }
}
