package dev.signaling.core;

import dev.signaling.core.cluster.JoinResult;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.core.cluster.RoomDelivery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The room state machine of the codelab: a join answers {@code created} to the first peer, or
 * {@code joined} to the newcomer while the others get {@code join}, then {@code ready} to all;
 * a join of a room at capacity answers {@code full}. Leaving tells the others {@code bye}.
 *
 * <p>Membership itself lives in the {@link RoomBackend}, whose join is atomic; this class turns
 * its outcomes into events. It is called from a peer's serial event processing only.
 */
public final class RoomManager {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final SignalingConfig config;
  private final RoomBackend backend;
  private final SignalingObserver observer;
  private final LongSupplier nanoTime;

  /** Whether relayed messages carry the sender's subject ({@link SignalingEngine.Builder#showSubjects}). */
  private final boolean showSubjects;

  RoomManager(SignalingConfig config, RoomBackend backend, SignalingObserver observer, LongSupplier nanoTime) {
    this(config, backend, observer, nanoTime, false);
  }

  RoomManager(SignalingConfig config, RoomBackend backend, SignalingObserver observer, LongSupplier nanoTime,
      boolean showSubjects) {
    this.showSubjects = showSubjects;
    this.config = config;
    this.backend = backend;
    this.observer = observer;
    this.nanoTime = nanoTime;
  }

  /** {@code started}: {@link System#nanoTime()} when the request was taken up, for the join latency. */
  CompletionStage<Void> join(Peer peer, String roomName, long started) {
    Room room = Room.of(roomName, config.maxRoomNameBytes());
    if (!peer.identity().mayEnter(room.name())) {
      // The same answer whether or not the room exists, and nothing about who is in it.
      throw new SignalingException(ErrorCode.FORBIDDEN, "not allowed to enter this room");
    }
    String current = peer.room().orElse(null);
    if (room.name().equals(current)) {
      throw new SignalingException(ErrorCode.ALREADY_IN_ROOM, "already in room " + current);
    }
    if (config.clientLogging()) {
      log(peer, "Received request to create or join room " + room.name());
    }
    // A peer is in at most one room: joining another leaves the first.
    CompletionStage<JoinResult> joined;
    if (current == null) {
      try {
        joined = backend.join(room.name(), peer.id(), config.roomCapacity());
      } catch (RuntimeException e) {
        joined = CompletableFuture.failedFuture(e); // answered as unavailable, like a failed stage
      }
    } else {
      joined = leave(peer, current).thenCompose(ignored -> backend.join(room.name(), peer.id(), config.roomCapacity()));
    }
    if (joined instanceof CompletableFuture<JoinResult> done && done.isDone() && !done.isCompletedExceptionally()) {
      // Completed already (in-memory rooms): no stage to chain.
      joined(peer, room.name(), done.join(), started);
      return DONE;
    }
    return joined.handle((result, failure) -> {
      if (failure != null) {
        throw unavailable(room.name(), failure);
      }
      joined(peer, room.name(), result, started);
      return null;
    });
  }

  private void joined(Peer peer, String room, JoinResult result, long started) {
    observer.joinCompleted(switch (result.outcome()) {
      case CREATED -> JoinOutcome.CREATED;
      case JOINED -> JoinOutcome.JOINED;
      case FULL -> JoinOutcome.FULL;
    }, Duration.ofNanos(nanoTime.getAsLong() - started));
    if (!peer.isOpen() && result.outcome() != JoinResult.Outcome.FULL) {
      // The connection ended while the join was in flight: undo it.
      backend.leave(room, peer.id());
      return;
    }
    announce(peer, room, result);
  }

  private void announce(Peer peer, String room, JoinResult result) {
    switch (result.outcome()) {
      case CREATED -> {
        peer.room(room);
        if (config.clientLogging()) {
          log(peer, "Client ID " + peer.id() + " created room " + room);
        }
        peer.send(new ServerEvent.Created(room, peer.id()));
      }
      case JOINED -> {
        peer.room(room);
        if (config.clientLogging()) {
          log(peer, "Client ID " + peer.id() + " joined room " + room
              + "; room now has " + (result.othersBefore().size() + 1) + " client(s)");
        }
        ServerEvent join = new ServerEvent.Join(room, peer.id());
        for (String other : result.othersBefore()) {
          backend.deliver(RoomDelivery.toMember(room, other, join));
        }
        peer.send(new ServerEvent.Joined(room, peer.id()));
        ServerEvent ready = new ServerEvent.Ready(room);
        for (String other : result.othersBefore()) {
          backend.deliver(RoomDelivery.toMember(room, other, ready));
        }
        peer.send(ready);
      }
      case FULL -> {
        if (config.clientLogging()) {
          log(peer, "Room " + room + " is full (" + config.roomCapacity() + " peers)");
        }
        peer.send(new ServerEvent.Full(room));
      }
    }
  }

  /** Handles a {@code bye}: the peer must be in {@code roomName}. */
  CompletionStage<Void> bye(Peer peer, String roomName) {
    String current = peer.room().orElse(null);
    if (current == null || !current.equals(roomName)) {
      throw new SignalingException(ErrorCode.NOT_IN_ROOM,
          current == null ? "not in a room" : "not in room " + roomName + " (in " + current + ")");
    }
    return leave(peer, current);
  }

  /** Leaves the peer's current room, if any. */
  CompletionStage<Void> leaveCurrent(Peer peer) {
    String current = peer.room().orElse(null);
    return current == null ? DONE : leave(peer, current);
  }

  private CompletionStage<Void> leave(Peer peer, String room) {
    peer.room(null);
    return backend.leave(room, peer.id()).handle((remaining, failure) -> {
      if (failure != null) {
        throw unavailable(room, failure);
      }
      ServerEvent bye = new ServerEvent.Bye(room, peer.id());
      for (String other : remaining) {
        backend.deliver(RoomDelivery.toMember(room, other, bye));
      }
      return null;
    });
  }

  /** Relays a payload to the other members of the sender's room, or to one of them. */
  void relay(Peer peer, RawJson payload, String targetPeerId) {
    String room = peer.room().orElseThrow(
        () -> new SignalingException(ErrorCode.NOT_IN_ROOM, "message sent outside a room"));
    observer.messageRelayed(payload.utf8Length());
    ServerEvent message = new ServerEvent.Message(payload, peer.id(),
        showSubjects ? peer.identity().subject().orElse(null) : null);
    backend.deliver(targetPeerId == null
        ? RoomDelivery.toAllBut(room, peer.id(), message)
        : RoomDelivery.toMember(room, targetPeerId, message));
  }

  /** Sends a codelab log line; callers check {@link SignalingConfig#clientLogging()} first (no string built when off). */
  private void log(Peer peer, String line) {
    peer.send(new ServerEvent.Log(List.of("Message from server:", line)));
  }

  private static RuntimeException unavailable(String room, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof SignalingException signaling) {
      return signaling;
    }
    return new SignalingException(ErrorCode.UNAVAILABLE,
        "room service unavailable for room " + room + ": " + cause.getMessage(), cause);
  }
}
