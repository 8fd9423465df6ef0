package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.cluster.ForwardingRoomBackend;
import dev.signaling.core.cluster.JoinResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer's events are handled strictly one after the other, also when a room operation completes
 * later on another thread (as with a cluster backend): what arrives meanwhile waits for it.
 */
class SerialEventsTest {

  /** In-memory rooms whose joins complete only when the test releases them. */
  static final class HeldJoins extends ForwardingRoomBackend {
    final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    volatile boolean holding;

    @Override
    public CompletionStage<JoinResult> join(String room, String peerId, int capacity) {
      if (!holding) {
        return rooms.join(room, peerId, capacity);
      }
      CompletableFuture<JoinResult> later = new CompletableFuture<>();
      held.add(() -> rooms.join(room, peerId, capacity).whenComplete((result, failure) -> later.complete(result)));
      return later;
    }

    /** Completes every held join on a thread of its own, and waits for that thread. */
    void release() throws InterruptedException {
      Thread completer = new Thread(() -> {
        Runnable next;
        while ((next = held.poll()) != null) {
          next.run();
        }
      });
      completer.start();
      completer.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  @Test
  void eventsAfterAJoinInFlightWaitForItAndKeepTheirOrder() throws Exception {
    HeldJoins backend = new HeldJoins();
    SignalingEngine engine = SignalingEngine.builder().backend(backend).build();
    RecordingSink first = RecordingSink.connect(engine);
    first.peer.receive(new ClientEvent.CreateOrJoin("r"));
    assertEquals(List.of("created"), first.names());

    backend.holding = true;
    RecordingSink second = RecordingSink.connect(engine);
    second.peer.receive(new ClientEvent.CreateOrJoin("r"));
    // Handled now, this would be refused (not in a room yet); it must wait for the join.
    second.peer.receive(new ClientEvent.Message(RawJson.string("offer"), null));
    second.peer.receive(new ClientEvent.Bye("r"));
    assertEquals(List.of(), second.names(), "nothing may be answered before the join completes");
    assertEquals(List.of("created"), first.names());

    backend.release();
    assertEquals(List.of("joined", "ready"), second.names());
    assertEquals(List.of("created", "join", "ready", "message", "bye"), first.names());
    assertTrue(second.peer.room().isEmpty(), "the bye was handled after the join");

    // And the peer goes on synchronously once nothing is in flight.
    backend.holding = false;
    second.peer.receive(new ClientEvent.CreateOrJoin("r"));
    assertEquals(List.of("joined", "ready", "joined", "ready"), second.names());
    engine.close();
  }

  @Test
  void aFailingStepIsAnsweredAndTheNextOneStillRuns() {
    SignalingEngine engine = SignalingEngine.create();
    RecordingSink sink = RecordingSink.connect(engine);
    sink.peer.receive(new ClientEvent.Bye("nowhere"));
    sink.peer.receive(new ClientEvent.CreateOrJoin("r"));
    assertEquals(List.of("error", "created"), sink.names());
    engine.close();
  }
}
