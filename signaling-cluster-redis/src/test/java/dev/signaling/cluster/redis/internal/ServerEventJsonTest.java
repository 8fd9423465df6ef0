package dev.signaling.cluster.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.ErrorCode;
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
    JsonNode sdp = MAPPER.readTree("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 10.0.0.1\"}");
    return Stream.of(
        new ServerEvent.Created("room", "p1"),
        new ServerEvent.Join("room", "p2"),
        new ServerEvent.Joined("room", "p2"),
        new ServerEvent.Ready("room"),
        new ServerEvent.Full("room"),
        new ServerEvent.Message(sdp, "p1"),
        new ServerEvent.Message(MAPPER.readTree("[1,null,\"got user media\"]"), "p1"),
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
  }
}
