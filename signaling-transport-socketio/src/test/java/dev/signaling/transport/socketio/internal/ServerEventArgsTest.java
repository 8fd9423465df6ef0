package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.IceServer;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.ice.IceConfiguration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServerEventArgsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SocketIoPacketCodec codec = new SocketIoPacketCodec(10, 32);

  static Stream<ServerEvent> signalingEvents() {
    String room = "r \"ö\" \\ \u0001 😀";
    return Stream.of(
        new ServerEvent.Created(room, "p1"),
        new ServerEvent.Join(room, "p2"),
        new ServerEvent.Joined(room, "p2"),
        new ServerEvent.Ready(room),
        new ServerEvent.Full(room),
        new ServerEvent.Message(RawJson.parse("{ \"sdp\" : \"v=0\\r\\n\\u00e9\" }"), "p1"),
        new ServerEvent.Message(RawJson.parse("{\"type\":\"offer\"}"), "p1", "ali\"ce"),
        new ServerEvent.Bye(room, null),
        new ServerEvent.PeerDisconnected(room, "p2"),
        new ServerEvent.PeerReconnected(room, "p2"),
        new ServerEvent.Log(List.of("Message from server:", "tab\there")),
        new ServerEvent.Log(List.of()),
        new ServerEvent.IpAddr("192.0.2.1"),
        new ServerEvent.Error(ErrorCode.INVALID_ROOM, "room \"x\" is\nbad"));
  }

  @ParameterizedTest
  @MethodSource("signalingEvents")
  void theTextWrittenDirectlyIsTheEventTheTreePathWouldSend(ServerEvent event) throws Exception {
    String packet = ServerEventArgs.eventPacket("2/ns,", event);

    ArrayNode expected = JSON.createArrayNode().add(event.name());
    ServerEventArgs.of(event).forEach(expected::add);
    SocketIoPacket decoded = codec.decode(packet);
    assertEquals("/ns", decoded.namespace());
    assertEquals(expected, decoded.data());
  }

  /** Connection state recovery: the offset is one more argument, a JSON string, after the event's own. */
  @ParameterizedTest
  @MethodSource("signalingEvents")
  void anOffsetIsTheLastArgumentAsAString(ServerEvent event) throws Exception {
    String packet = ServerEventArgs.eventPacket("2/ns,", event, "1234");

    ArrayNode expected = JSON.createArrayNode().add(event.name());
    ServerEventArgs.of(event).forEach(expected::add);
    expected.add("1234");
    assertEquals(expected, codec.decode(packet).data());
    String without = ServerEventArgs.eventPacket("2/ns,", event);
    assertEquals(without.substring(0, without.length() - 1) + ",\"1234\"]", packet);
  }

  @Test
  void aRelayedPayloadIsWrittenAsTheTextItArrivedAs() {
    String payload = "{ \"sdp\" : \"v=0\\r\\n\\u00e9 😀\", \"n\": 1.50E+3 }";
    assertEquals("2[\"message\"," + payload + ",\"p1\"]",
        ServerEventArgs.eventPacket("2", new ServerEvent.Message(RawJson.parse(payload), "p1")));
  }

  /** The exact text on the wire: compact JSON, strings escaped as Jackson escapes them. */
  @Test
  void eachEventIsWrittenAsCompactJsonText() {
    assertEquals("2[\"created\",\"r1\",\"p1\"]", ServerEventArgs.eventPacket("2", new ServerEvent.Created("r1", "p1")));
    assertEquals("2/ns,[\"join\",\"r1\",\"p2\"]", ServerEventArgs.eventPacket("2/ns,", new ServerEvent.Join("r1", "p2")));
    assertEquals("2[\"joined\",\"r1\",\"p2\"]", ServerEventArgs.eventPacket("2", new ServerEvent.Joined("r1", "p2")));
    assertEquals("2[\"ready\",\"r1\"]", ServerEventArgs.eventPacket("2", new ServerEvent.Ready("r1")));
    assertEquals("2[\"full\",\"r1\"]", ServerEventArgs.eventPacket("2", new ServerEvent.Full("r1")));
    assertEquals("2[\"bye\",\"r1\",null]", ServerEventArgs.eventPacket("2", new ServerEvent.Bye("r1", null)));
    assertEquals("2[\"peer-disconnected\",\"r1\",\"p2\"]",
        ServerEventArgs.eventPacket("2", new ServerEvent.PeerDisconnected("r1", "p2")));
    assertEquals("2[\"peer-reconnected\",\"r1\",\"p2\"]",
        ServerEventArgs.eventPacket("2", new ServerEvent.PeerReconnected("r1", "p2")));
    assertEquals("2[\"ipaddr\",\"192.0.2.1\"]", ServerEventArgs.eventPacket("2", new ServerEvent.IpAddr("192.0.2.1")));
    assertEquals("2[\"log\",[\"a\",\"b\\\"c\"]]", ServerEventArgs.eventPacket("2", new ServerEvent.Log(List.of("a", "b\"c"))));
    assertEquals("2[\"log\",[]]", ServerEventArgs.eventPacket("2", new ServerEvent.Log(List.of())));
    assertEquals("2[\"message\",{\"a\":1},\"p1\",\"s\\u0001\"]",
        ServerEventArgs.eventPacket("2", new ServerEvent.Message(RawJson.parse("{\"a\":1}"), "p1", "s\u0001")));
    assertEquals("2[\"error\",{\"code\":\"invalid-room\",\"message\":\"line\\nnext \\\\ \\\"q\\\"\"}]",
        ServerEventArgs.eventPacket("2", new ServerEvent.Error(ErrorCode.INVALID_ROOM, "line\nnext \\ \"q\"")));
    assertEquals("2[\"message\",1,\"p\\\"1\"]", ServerEventArgs.eventPacket("2", new ServerEvent.Message(RawJson.parse("1"), "p\"1")));
    String room = "r \"ö\" \\ \u0001 😀";
    assertEquals("2[\"ready\"," + RawJson.string(room).text() + "]", ServerEventArgs.eventPacket("2", new ServerEvent.Ready(room)));
  }

  @Test
  void iceServersGoAsOneRtcConfigurationArgument() {
    IceConfiguration configuration = new IceConfiguration(List.of(
        IceServer.of("stun:127.0.0.1:3478"), new IceServer(List.of("turn:127.0.0.1:3478"), "9:u", "pw")), null);
    ServerEvent.IceServers event = new ServerEvent.IceServers(configuration);

    assertEquals("ice-servers", event.name());
    assertEquals(List.of(configuration.toJson()), ServerEventArgs.of(event));
    assertEquals("{\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"]},"
        + "{\"urls\":[\"turn:127.0.0.1:3478\"],\"username\":\"9:u\",\"credential\":\"pw\"}]}",
        ServerEventArgs.of(event).get(0).toString());
  }

  @Test
  void eventsThatMayHoldBinaryAreLeftToTheTreePath() {
    JsonNode withBinary = JsonNodeFactory.instance.arrayNode().add(BinaryNode.valueOf(new byte[] {1}));
    assertNull(ServerEventArgs.eventPacket("2", new ServerEvent.Message(RawJson.of(withBinary), "p1")));
    assertNull(ServerEventArgs.eventPacket("2", new ServerEvent.Custom("x", List.of())));
    assertNull(ServerEventArgs.eventPacket("2", new ServerEvent.AckReply(1, List.of())));
    assertEquals(withBinary, ServerEventArgs.of(new ServerEvent.Message(RawJson.of(withBinary), "p1")).get(0));
  }
}
