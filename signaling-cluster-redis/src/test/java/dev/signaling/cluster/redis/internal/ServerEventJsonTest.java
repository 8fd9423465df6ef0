package dev.signaling.cluster.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.cluster.RoomDelivery;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ServerEventJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DeliveryEnvelope envelopes = new DeliveryEnvelope();

  static Stream<ServerEvent> everyKindOfEvent() throws Exception {
    RawJson sdp = RawJson.parse("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 10.0.0.1\"}");
    return Stream.of(
        new ServerEvent.Created("room", "p1"),
        new ServerEvent.Join("room", "p2"),
        new ServerEvent.Joined("room", "p2"),
        new ServerEvent.Ready("room"),
        new ServerEvent.Full("room"),
        new ServerEvent.Message(sdp, "p1"),
        new ServerEvent.Message(RawJson.parse("[1,null,\"got user media\"]"), "p1"),
        new ServerEvent.Message(RawJson.parse("{ \"spaced\" : \"caf\\u00e9 \\ud83d\\ude00 😀\", \"n\": 1.50E+3 }"), "p1"),
        new ServerEvent.Message(RawJson.string("got user media"), "p1"),
        new ServerEvent.Message(RawJson.string("hi"), "p1", "alice"),
        new ServerEvent.Bye("room", "p1"),
        new ServerEvent.Log(List.of("Message from server:", "hello")),
        new ServerEvent.IpAddr("192.0.2.1"),
        new ServerEvent.Error(ErrorCode.UNAVAILABLE, "try later"),
        new ServerEvent.Custom("mute", List.of(MAPPER.readTree("{\"on\":true}"))),
        new ServerEvent.AckReply(42, List.of(MAPPER.readTree("\"ok\""))));
  }

  @ParameterizedTest
  @MethodSource("everyKindOfEvent")
  void everyEventSurvivesTheTripBetweenNodesUnchanged(ServerEvent event) {
    RoomDelivery sent = RoomDelivery.toAllBut("röom ✓", "p1", event);

    assertEquals(sent, envelopes.decode(envelopes.encode(sent)));
  }

  @Test
  void aRelayPayloadCrossesAsTheTextItArrivedAs() {
    String payload = "{ \"sdp\" : \"v=0\\r\\n\\u00e9\" ,\"n\":[1.0e2, [[]]] }";
    String envelope = envelopes.encode(
        RoomDelivery.toAllBut("r", "p1", new ServerEvent.Message(RawJson.parse(payload), "p1")));

    assertTrue(envelope.contains("\"payload\":" + payload), envelope);
    ServerEvent.Message received = (ServerEvent.Message) envelopes.decode(envelope).event();
    assertEquals(payload, received.payload().text());
  }

  @Test
  void fieldsMayComeInAnyOrder() {
    String envelope = "{\"event\":{\"payload\":[1, 2],\"from\":\"p\\/1\",\"type\":\"message\"},"
        + "\"except\":\"p1\",\"extra\":{\"x\":[]},\"room\":\"r\"}";

    assertEquals(RoomDelivery.toAllBut("r", "p1", new ServerEvent.Message(RawJson.parse("[1, 2]"), "p/1")),
        envelopes.decode(envelope));
  }

  @Test
  void targetedDeliveryKeepsItsTarget() {
    RoomDelivery sent = RoomDelivery.toMember("room", "p2", new ServerEvent.Ready("room"));

    assertEquals(sent, envelopes.decode(envelopes.encode(sent)));
  }

  @Test
  void byeBuiltByTheLuaScriptsIsUnderstood() {
    // As cjson.encode writes it in common.lua's announce_bye (it escapes slashes).
    String fromLua = "{\"event\":{\"peerId\":\"p\\/1\",\"type\":\"bye\",\"room\":\"r\"},"
        + "\"target\":\"p2\",\"room\":\"r\"}";

    assertEquals(RoomDelivery.toMember("r", "p2", new ServerEvent.Bye("r", "p/1")),
        envelopes.decode(fromLua));
  }

  @Test
  void somethingElseIsRefusedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> envelopes.decode("{\"room\":\"r\",\"event\":{\"type\":\"teleport\"}}"));
    assertEquals("unknown cluster event type 'teleport'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> envelopes.decode("{\"room\":\"r\",\"event\":{\"type\":"));
    assertThrows(IllegalArgumentException.class, () -> envelopes.decode("{\"room\":\"r\",\"event\":[]}"));
    assertThrows(IllegalArgumentException.class, () -> envelopes.decode("{\"event\":{\"type\":\"ready\",\"room\":\"r\"}}"));
    IllegalArgumentException noPayload = assertThrows(IllegalArgumentException.class,
        () -> envelopes.decode("{\"room\":\"r\",\"event\":{\"type\":\"message\",\"from\":\"p\"}}"));
    assertEquals("cluster event lacks 'payload'", noPayload.getMessage());
  }
}
