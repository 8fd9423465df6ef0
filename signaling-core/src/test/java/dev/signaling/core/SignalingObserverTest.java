package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.cluster.ForwardingRoomBackend;
import dev.signaling.core.cluster.JoinResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignalingObserverTest {
  /** A clock that advances 5 ms each time it is read, so latencies are known. */
  private final AtomicLong nanos = new AtomicLong();
  private final RecordingObserver observer = new RecordingObserver();
  private final SignalingEngine engine = SignalingEngine.builder()
      .observer(observer)
      .nanoTime(() -> nanos.getAndAdd(5_000_000))
      .build();

  @Test
  void theObserverIsBoundToItsEngineWhenBuilt() {
    assertSame(engine, observer.boundTo);
  }

  @Test
  void theCodelabScenarioReportsEachJoinOutcomeRelayAndBackendCall() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    RecordingSink carol = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    carol.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.peer.receive(new ClientEvent.Message(RawJson.parse("{\"sdp\":\"é\"}"), null));
    bob.peer.receive(new ClientEvent.Bye("foo"));

    // Each join reads the clock at the request, the backend call's start and end, and the outcome.
    assertEquals(List.of("join created 15ms", "join joined 15ms", "join full 15ms"),
        observer.callsStartingWith("join"));
    assertEquals(List.of("relay 12"), observer.callsStartingWith("relay"), "11 chars, é takes 2 bytes");
    assertEquals(List.of("backend join", "backend join", "backend join", "backend leave"),
        observer.callsStartingWith("backend"));
    assertEquals(List.of(), observer.callsStartingWith("error"));
  }

  @Test
  void errorsAreReportedByCodeAndInvalidRoomsAreNoJoinOutcome() {
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.Message(RawJson.parse("1"), null));
    alice.peer.receive(new ClientEvent.CreateOrJoin(""));
    alice.peer.reject(new SignalingException(ErrorCode.INVALID_JSON, "bad"));

    assertEquals(List.of("error not-in-room", "error invalid-room", "error invalid-json"),
        observer.callsStartingWith("error"));
    assertEquals(List.of(), observer.callsStartingWith("join"));
  }

  @Test
  void aJoinTheBackendCannotServeCountsAsUnavailable() {
    RecordingObserver seen = new RecordingObserver();
    SignalingEngine broken = SignalingEngine.builder()
        .observer(seen)
        .backend(new StoreDown())
        .build();
    RecordingSink alice = RecordingSink.connect(broken);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));

    assertEquals(List.of("backend join failed"), seen.callsStartingWith("backend"));
    assertEquals(1, seen.callsStartingWith("join unavailable").size());
    assertEquals(List.of("error unavailable"), seen.callsStartingWith("error"));
  }

  @Test
  void connectionsAreCountedByProtocolAndTransportAcrossAnUpgrade() {
    Connections connections = engine.connections();
    Connection polling = connections.admit(WireProtocol.SOCKETIO, TransportKind.POLLING, (r, d) -> { }).orElseThrow();
    Connection ws = connections.admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, (r, d) -> { }).orElseThrow();
    assertEquals(1, connections.count(WireProtocol.SOCKETIO, TransportKind.POLLING));

    polling.upgraded(TransportKind.WEBSOCKET);
    assertEquals(0, connections.count(WireProtocol.SOCKETIO, TransportKind.POLLING));
    assertEquals(1, connections.count(WireProtocol.SOCKETIO, TransportKind.WEBSOCKET));
    polling.queued(100);
    ws.queued(30);
    ws.queued(-10);
    assertEquals(120, connections.queuedBytes());

    polling.closed(1000, "bye");
    polling.closed(1001, "again"); // reported once
    assertEquals(0, connections.count(WireProtocol.SOCKETIO, TransportKind.WEBSOCKET));
    assertEquals(20, connections.queuedBytes(), "a closed connection's queue no longer counts");
    assertEquals(1, connections.count());
    assertEquals(List.of("open socketio/polling", "open native/websocket", "upgrade polling->websocket",
        "close socketio/websocket 1000"), observer.calls);
  }

  @Test
  void drainClosesOpenConnectionsWith1012RefusesNewOnesAndReturnsWhenAllAreGone() throws Exception {
    Connections connections = engine.connections();
    Connection[] holder = new Connection[1];
    holder[0] = connections.admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET,
        (reason, description) -> holder[0].closed(reason.code(), description)).orElseThrow();
    RecordingSink untracked = RecordingSink.connect(engine); // a transport that admits nothing

    assertTrue(engine.drain(Duration.ofSeconds(5)));

    assertTrue(engine.isDraining());
    assertEquals(CloseReason.SERVICE_RESTART, untracked.closedWith);
    assertEquals(0, connections.count());
    assertTrue(connections.admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, (r, d) -> { }).isEmpty());
    assertEquals(List.of("open native/websocket", "drain", "close native/websocket 1012",
        "refused native/websocket 1012"), observer.calls);
  }

  @Test
  void stopAcceptingRefusesNewConnectionsWhileOpenOnesKeepWorking() {
    Connection open = engine.connections().admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, (r, d) -> { }).orElseThrow();
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("call"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("call"));

    engine.stopAccepting();
    engine.stopAccepting(); // once
    alice.peer.receive(new ClientEvent.Message(RawJson.string("still talking"), null));

    assertTrue(engine.isDraining());
    assertTrue(engine.connections().admit(WireProtocol.SOCKETIO, TransportKind.POLLING, (r, d) -> { }).isEmpty());
    assertFalse(open.isClosed());
    assertEquals(null, alice.closedWith);
    assertEquals(new ServerEvent.Message(RawJson.string("still talking"), alice.peer.id()),
        bob.events.get(bob.events.size() - 1));
    assertEquals(List.of("drain"), observer.callsStartingWith("drain"));
  }

  @Test
  void aDrainingEngineStartsNoNewWork() throws Exception {
    List<ServerEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    // A transport still flushing its queue: the peer stays connected for now.
    Peer alice = engine.connect(new PeerSink() {
      @Override
      public void send(ServerEvent event) {
        received.add(event);
      }

      @Override
      public void close(CloseReason reason, String description) {}
    });
    engine.drain(Duration.ofMillis(1));
    alice.receive(new ClientEvent.CreateOrJoin("late"));

    assertEquals(List.of(), received, "no join while draining");
    assertEquals(0, engine.roomCount());
  }

  @Test
  void drainGivesUpAtTheDeadlineWhileAConnectionStaysOpen() throws Exception {
    engine.connections().admit(WireProtocol.NATIVE, TransportKind.WEBSOCKET, (r, d) -> { }).orElseThrow();

    assertFalse(engine.drain(Duration.ofMillis(50)));
    assertEquals(1, engine.connections().count());
  }

  /** A backend whose store cannot be reached: joins fail. */
  private static final class StoreDown extends ForwardingRoomBackend {
    @Override
    public CompletionStage<JoinResult> join(String room, String peerId, int capacity) {
      return CompletableFuture.failedFuture(new IllegalStateException("store down"));
    }
  }

  @Test
  void compositeCallsEveryObserverInTurn() {
    RecordingObserver first = new RecordingObserver();
    RecordingObserver second = new RecordingObserver();
    SignalingEngine both = SignalingEngine.builder()
        .observer(SignalingObserver.composite(List.of(first, second)))
        .build();
    RecordingSink alice = RecordingSink.connect(both);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));

    assertEquals(first.callsStartingWith("join"), second.callsStartingWith("join"));
    assertEquals(1, first.callsStartingWith("join created").size());
  }
}
