package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomManagerTest {
  private static final RawJson OFFER = RawJson.parse("{\"type\":\"offer\",\"sdp\":\"v=0\"}");

  private final SignalingEngine engine = SignalingEngine.create();

  @Test
  void firstPeerCreatesTheRoom() {
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));

    assertEquals(List.of(new ServerEvent.Created("foo", alice.peer.id())), alice.events);
    assertEquals(Optional.of("foo"), alice.peer.room());
  }

  @Test
  void secondPeerJoinsAndBothAreReady() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));

    assertEquals(List.of(
        new ServerEvent.Created("foo", alice.peer.id()),
        new ServerEvent.Join("foo", bob.peer.id()),
        new ServerEvent.Ready("foo")), alice.events);
    assertEquals(List.of(
        new ServerEvent.Joined("foo", bob.peer.id()),
        new ServerEvent.Ready("foo")), bob.events);
  }

  @Test
  void thirdPeerIsToldTheRoomIsFull() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    RecordingSink carol = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.clear();
    bob.clear();
    carol.peer.receive(new ClientEvent.CreateOrJoin("foo"));

    assertEquals(List.of(new ServerEvent.Full("foo")), carol.events);
    assertEquals(Optional.empty(), carol.peer.room());
    assertEquals(List.of(), alice.events);
    assertEquals(List.of(), bob.events);
  }

  @Test
  void messageReachesOnlyTheOtherPeersOfTheSendersRoom() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    RecordingSink stranger = RecordingSink.connect(engine);
    RecordingSink strangersFriend = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    stranger.peer.receive(new ClientEvent.CreateOrJoin("bar"));
    strangersFriend.peer.receive(new ClientEvent.CreateOrJoin("bar"));
    alice.clear();
    bob.clear();
    stranger.clear();
    strangersFriend.clear();

    alice.peer.receive(new ClientEvent.Message(OFFER, null));

    assertEquals(List.of(new ServerEvent.Message(OFFER, alice.peer.id())), bob.events);
    assertEquals(List.of(), alice.events, "never echoed to the sender");
    assertEquals(List.of(), stranger.events, "never delivered to another room");
    assertEquals(List.of(), strangersFriend.events, "never delivered to another room");
  }

  @Test
  void targetedMessageReachesOnlyItsTarget() {
    SignalingEngine threes = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(3).build()).build();
    RecordingSink a = RecordingSink.connect(threes);
    RecordingSink b = RecordingSink.connect(threes);
    RecordingSink c = RecordingSink.connect(threes);
    for (RecordingSink s : List.of(a, b, c)) {
      s.peer.receive(new ClientEvent.CreateOrJoin("mesh"));
    }
    a.clear();
    b.clear();
    c.clear();

    a.peer.receive(new ClientEvent.Message(OFFER, c.peer.id()));

    assertEquals(List.of(), b.events);
    assertEquals(List.of(new ServerEvent.Message(OFFER, a.peer.id())), c.events);
  }

  @Test
  void roomsAboveTwoAnnounceEveryJoinAndReadyToAll() {
    SignalingEngine threes = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(3).build()).build();
    RecordingSink a = RecordingSink.connect(threes);
    RecordingSink b = RecordingSink.connect(threes);
    RecordingSink c = RecordingSink.connect(threes);
    RecordingSink d = RecordingSink.connect(threes);
    for (RecordingSink s : List.of(a, b, c, d)) {
      s.peer.receive(new ClientEvent.CreateOrJoin("mesh"));
    }

    assertEquals(List.of("created", "join", "ready", "join", "ready"), a.names());
    assertEquals(List.of("joined", "ready", "join", "ready"), b.names());
    assertEquals(List.of("joined", "ready"), c.names());
    assertEquals(List.of("full"), d.names());
  }

  @Test
  void byeFreesTheSlotAndTellsTheOthers() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.clear();

    bob.peer.receive(new ClientEvent.Bye("foo"));

    assertEquals(List.of(new ServerEvent.Bye("foo", bob.peer.id())), alice.events);
    assertEquals(Optional.empty(), bob.peer.room());
    assertTrue(bob.peer.isOpen(), "bye keeps the connection open");
    RecordingSink carol = RecordingSink.connect(engine);
    carol.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    assertEquals(List.of("joined", "ready"), carol.names());
  }

  @Test
  void disconnectFreesTheSlotAndTellsTheOthers() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.clear();

    bob.peer.disconnected();
    bob.peer.disconnected();

    assertEquals(List.of(new ServerEvent.Bye("foo", bob.peer.id())), alice.events, "exactly one bye");
    assertEquals(1, engine.peerCount());
    RecordingSink carol = RecordingSink.connect(engine);
    carol.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    assertEquals(List.of("joined", "ready"), carol.names());
  }

  @Test
  void joiningAnotherRoomLeavesTheFirst() {
    RecordingSink alice = RecordingSink.connect(engine);
    RecordingSink bob = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    bob.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.clear();
    bob.clear();

    bob.peer.receive(new ClientEvent.CreateOrJoin("bar"));

    assertEquals(List.of(new ServerEvent.Bye("foo", bob.peer.id())), alice.events);
    assertEquals(List.of(new ServerEvent.Created("bar", bob.peer.id())), bob.events);
    assertEquals(Optional.of("bar"), bob.peer.room());
    assertEquals(2, engine.roomCount());
  }

  @Test
  void emptiedRoomsAreForgotten() {
    for (int i = 0; i < 10_000; i++) {
      RecordingSink a = RecordingSink.connect(engine);
      RecordingSink b = RecordingSink.connect(engine);
      a.peer.receive(new ClientEvent.CreateOrJoin("room-" + i));
      b.peer.receive(new ClientEvent.CreateOrJoin("room-" + i));
      if (i % 2 == 0) {
        a.peer.receive(new ClientEvent.Bye("room-" + i));
      } else {
        a.peer.disconnected();
      }
      b.peer.disconnected();
      a.peer.disconnected();
    }
    assertEquals(0, engine.roomCount());
    assertEquals(0, engine.peerCount());
  }

  @Test
  void messageOutsideARoomIsAnError() {
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.Message(OFFER, null));

    ServerEvent.Error error = alice.eventsOf(ServerEvent.Error.class).get(0);
    assertEquals(ErrorCode.NOT_IN_ROOM, error.code());
    assertTrue(alice.peer.isOpen());
  }

  @Test
  void byeForAnotherRoomIsAnError() {
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.clear();
    alice.peer.receive(new ClientEvent.Bye("bar"));

    assertEquals(ErrorCode.NOT_IN_ROOM, alice.eventsOf(ServerEvent.Error.class).get(0).code());
    assertEquals(Optional.of("foo"), alice.peer.room());
  }

  @Test
  void invalidRoomNamesAreRefused() {
    RecordingSink alice = RecordingSink.connect(engine);
    for (String bad : List.of("", "a".repeat(129), "é".repeat(65), "tab\there", "nul\u0000")) {
      alice.clear();
      alice.peer.receive(new ClientEvent.CreateOrJoin(bad));
      assertEquals(ErrorCode.INVALID_ROOM, alice.eventsOf(ServerEvent.Error.class).get(0).code(), bad);
    }
    alice.clear();
    alice.peer.receive(new ClientEvent.CreateOrJoin("é".repeat(64)));
    assertEquals("created", alice.names().get(0), "64 two-byte characters are 128 bytes, allowed");
    assertEquals(1, engine.roomCount());
  }

  @Test
  void joiningTheSameRoomTwiceIsAnError() {
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    assertEquals(List.of("created", "error"), alice.names());
    assertEquals(ErrorCode.ALREADY_IN_ROOM, alice.eventsOf(ServerEvent.Error.class).get(0).code());
  }

  @Test
  void logLinesAreSentOnlyWhenEnabled() {
    RecordingSink quiet = RecordingSink.connect(engine);
    quiet.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    assertTrue(quiet.eventsOf(ServerEvent.Log.class).isEmpty());

    SignalingEngine chatty = SignalingEngine.builder()
        .config(SignalingConfig.builder().clientLogging(true).build()).build();
    RecordingSink alice = RecordingSink.connect(chatty);
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    List<ServerEvent.Log> logs = alice.eventsOf(ServerEvent.Log.class);
    assertEquals("Message from server:", logs.get(0).lines().get(0));
    assertTrue(logs.get(0).lines().get(1).contains("foo"));
  }

  @Test
  void ipaddrIsRefusedUnlessEnabled() {
    RecordingSink alice = RecordingSink.connect(engine);
    alice.peer.receive(new ClientEvent.IpAddr());
    assertEquals(ErrorCode.UNKNOWN_EVENT, alice.eventsOf(ServerEvent.Error.class).get(0).code());

    SignalingEngine demo = SignalingEngine.builder()
        .config(SignalingConfig.builder().ipAddrAnswers(true).build()).build();
    RecordingSink bob = RecordingSink.connect(demo);
    bob.peer.receive(new ClientEvent.IpAddr());
    assertTrue(bob.eventsOf(ServerEvent.Error.class).isEmpty());
    for (ServerEvent.IpAddr answer : bob.eventsOf(ServerEvent.IpAddr.class)) {
      assertTrue(answer.address().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), answer.address());
      assertTrue(!answer.address().startsWith("127."), answer.address());
    }
  }

  @Test
  void tooManyErrorsCloseTheConnectionWithPolicyViolation() {
    MutableClock clock = new MutableClock();
    SignalingEngine strict = SignalingEngine.builder().clock(clock).build();
    RecordingSink abuser = RecordingSink.connect(strict);
    for (int i = 0; i < 20; i++) {
      abuser.peer.receive(new ClientEvent.Bye("nowhere"));
    }
    assertNull(abuser.closedWith, "20 errors in 10 s are tolerated");
    abuser.peer.receive(new ClientEvent.Bye("nowhere"));
    assertEquals(CloseReason.POLICY_VIOLATION, abuser.closedWith);
  }

  @Test
  void errorsSpreadOverTimeAreTolerated() {
    MutableClock clock = new MutableClock();
    SignalingEngine strict = SignalingEngine.builder().clock(clock).build();
    RecordingSink clumsy = RecordingSink.connect(strict);
    for (int i = 0; i < 100; i++) {
      clumsy.peer.receive(new ClientEvent.Bye("nowhere"));
      clock.advanceMillis(600);
    }
    assertNull(clumsy.closedWith);
    assertEquals(100, clumsy.eventsOf(ServerEvent.Error.class).size());
  }

  @Test
  void applicationEventsReachTheirHandlerAndCanBeAcknowledged() {
    SignalingEngine app = SignalingEngine.builder()
        .on("mute", (peer, args, ack) -> {
          peer.room().ifPresent(room -> peer.attributes().put("muted", args.get(0).asBoolean()));
          if (ack != null) {
            ack.reply(args);
          }
        })
        .build();
    RecordingSink alice = RecordingSink.connect(app);
    JsonNode yes = JsonNodeFactory.instance.booleanNode(true);
    List<JsonNode> replies = new java.util.ArrayList<>();
    alice.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    alice.peer.receive(new ClientEvent.Custom("mute", List.of(yes), replies::addAll));
    assertEquals(List.of(yes), replies);
    assertEquals(true, alice.peer.attributes().get("muted"));

    alice.peer.receive(new ClientEvent.Custom("unmute", List.of(), null));
    assertEquals(ErrorCode.UNKNOWN_EVENT, alice.eventsOf(ServerEvent.Error.class).get(0).code());
  }
}
