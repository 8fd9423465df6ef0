package dev.signaling.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec on text frames; {@link NativeCodecUtf8Test} runs every case again on UTF-8 bytes. */
class NativeCodecTest {
  final NativeCodec codec = new NativeCodec();
  final ObjectMapper json = new ObjectMapper();
  final List<ServerEvent> replies = new ArrayList<>();

  ClientEvent decode(String frame) {
    return codec.decode(frame, replies::add);
  }

  String encode(ServerEvent event) {
    return codec.encode(event);
  }

  @Test
  void decodesTheCodelabEvents() throws Exception {
    assertEquals(new ClientEvent.CreateOrJoin("foo"), decode("{\"event\":\"create or join\",\"args\":[\"foo\"]}"));
    assertEquals(new ClientEvent.Bye("foo"), decode("{\"event\":\"bye\",\"args\":[\"foo\"]}"));
    assertEquals(new ClientEvent.IpAddr(), decode("{\"event\":\"ipaddr\",\"args\":[]}"));
    assertEquals(new ClientEvent.IpAddr(), decode("{\"event\":\"ipaddr\"}"));
    RawJson offer = RawJson.parse("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
    assertEquals(new ClientEvent.Message(offer, null),
        decode("{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}]}"));
    assertEquals(new ClientEvent.Message(offer, "peer-2"),
        decode("{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},\"peer-2\"]}"));
  }

  @Test
  void anyJsonValueIsAPayload() throws Exception {
    for (String payload : List.of("\"got user media\"", "42", "null", "[1,[2]]", "true", "{\"a\":{}}")) {
      ClientEvent.Message message = (ClientEvent.Message) decode("{\"event\":\"message\",\"args\":[" + payload + "]}");
      assertEquals(payload, message.payload().text());
      assertEquals(json.readTree(payload), message.payload().toJsonNode());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n\"}",
      "{ \"type\" : \"candidate\", \"label\" : 0 ,\"id\":\"audio\" }",
      "\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\t\"",
      "\"café 😀 \u2028\"",
      "[[1,[2,[3,[4]]]],{\"a\":[{},[]]},-1.50e+10,0,false,null]",
      "1E400",
      "12345678901234567890123456789",
  })
  void relaysThePayloadCharacterForCharacter(String payload) {
    ClientEvent.Message in = (ClientEvent.Message) decode(
        "{\"event\":\"message\",\"args\":[" + payload + ",\"peer-2\"]}");

    assertEquals(payload, in.payload().text());
    assertEquals("peer-2", in.targetPeerId());
    assertEquals("{\"event\":\"message\",\"args\":[" + payload + ",\"peer-1\"]}",
        encode(new ServerEvent.Message(in.payload(), "peer-1")));
  }

  @Test
  void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
    RawJson payload = RawJson.parse("{\"k\":[1,{\"event\":\"bye\"}]}");
    assertEquals(new ClientEvent.Message(payload, null),
        decode("{\"args\":[{\"k\":[1,{\"event\":\"bye\"}]}],\"v\":{\"x\":[1,2]},\"event\":\"message\"}"));
    assertEquals(new ClientEvent.Message(payload, null),
        decode("{\"event\":\"message\",\"args\":[{\"k\":[1,{\"event\":\"bye\"}]}, null],\"id\":3}"));
    assertEquals(new ClientEvent.CreateOrJoin("r\"ö"), decode(" {\"args\":[\"r\\\"\\u00f6\"],\"event\":\"create or join\"} \n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not json at all            | invalid-json",
      "{\"event\":                | invalid-json",
      "[]                         | invalid-event",
      "\"create or join\"         | invalid-event",
      "42                         | invalid-event",
      "{}                         | invalid-event",
      "{\"event\":7,\"args\":[]}  | invalid-event",
      "{\"event\":\"bye\",\"args\":{}}         | invalid-event",
      "{\"event\":\"create or join\",\"args\":[]}   | invalid-event",
      "{\"event\":\"create or join\",\"args\":[7]}  | invalid-event",
      "{\"event\":\"message\",\"args\":[]}           | invalid-event",
      "{\"event\":\"message\",\"args\":[1, 2]}       | invalid-event",
      "{\"event\":\"custom\",\"args\":[], \"id\":\"x\"} | invalid-event",
      "{\"event\":\"custom\",\"args\":[], \"id\":1.5}   | invalid-event",
      "{\"event\":\"custom\",\"args\":[], \"id\":null}  | invalid-event",
      "{\"event\":\"message\",\"args\":[{}, {}]}        | invalid-event",
      "{\"args\":[{}],\"event\":[\"message\"]}          | invalid-event",
      "{\"event\":\"message\",\"args\":[{]}             | invalid-json",
      "{\"event\":\"message\",\"args\":[{\"a\":1,}]}      | invalid-json",
      "{\"event\":\"message\",\"args\":[1],\"x\":[}       | invalid-json",
      "{\"event\":\"message\",\"args\":[1]} trailing      | invalid-json",
      "{\"event\":\"message\",\"args\":[1]} {}            | invalid-json",
      "[1, 2                                            | invalid-json",
      "{\"event\":\"message\",\"args\":['x']}            | invalid-json",
      "{\"event\":\"message\",\"args\":[NaN]}            | invalid-json",
  })
  void refusesBadFramesWithAStableCode(String frame, String code) {
    SignalingException e = assertThrows(SignalingException.class, () -> decode(frame));
    assertEquals(code, e.code().wireCode(), e.getMessage());
  }

  @Test
  void refusesDeeplyNestedJson() {
    String deep = "{\"event\":\"message\",\"args\":[" + "[".repeat(10_000) + "]".repeat(10_000) + "]}";
    SignalingException e = assertThrows(SignalingException.class, () -> decode(deep));
    assertEquals(ErrorCode.INVALID_JSON, e.code());
  }

  @Test
  void theDepthCapCountsTheWholeFrame() {
    // The frame's object and its args array are two levels: a payload may nest 62 more.
    int payloadDepth = NativeCodec.MAX_NESTING_DEPTH - 2;
    String fits = "[".repeat(payloadDepth) + "]".repeat(payloadDepth);
    String tooDeep = "[" + fits + "]";

    assertEquals(fits, ((ClientEvent.Message) decode("{\"event\":\"message\",\"args\":[" + fits + "]}")).payload().text());
    SignalingException e = assertThrows(SignalingException.class,
        () -> decode("{\"event\":\"message\",\"args\":[" + tooDeep + "]}"));
    assertEquals(ErrorCode.INVALID_JSON, e.code());
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @Test
  void unknownEventsDecodeAsApplicationEventsWithTheirAck() throws Exception {
    ClientEvent.Custom custom = (ClientEvent.Custom) decode("{\"event\":\"presence\",\"args\":[\"away\"],\"id\":9}");
    assertEquals("presence", custom.name());
    assertEquals(List.of(json.readTree("\"away\"")), custom.args());
    custom.ack().reply(List.of(json.readTree("\"ok\"")));
    assertEquals(List.of(new ServerEvent.AckReply(9, List.of(json.readTree("\"ok\"")))), replies);

    ClientEvent.Custom noAck = (ClientEvent.Custom) decode("{\"event\":\"presence\",\"args\":[]}");
    assertNull(noAck.ack());
  }

  @Test
  void encodesEveryServerEventAsEventAndArgs() throws Exception {
    RawJson payload = RawJson.parse("{\"type\":\"candidate\",\"label\":0}");
    assertFrame("{\"event\":\"created\",\"args\":[\"r\",\"p\"]}", new ServerEvent.Created("r", "p"));
    assertFrame("{\"event\":\"join\",\"args\":[\"r\",\"p\"]}", new ServerEvent.Join("r", "p"));
    assertFrame("{\"event\":\"joined\",\"args\":[\"r\",\"p\"]}", new ServerEvent.Joined("r", "p"));
    assertFrame("{\"event\":\"ready\",\"args\":[\"r\"]}", new ServerEvent.Ready("r"));
    assertFrame("{\"event\":\"full\",\"args\":[\"r\"]}", new ServerEvent.Full("r"));
    assertFrame("{\"event\":\"bye\",\"args\":[\"r\",\"p\"]}", new ServerEvent.Bye("r", "p"));
    assertFrame("{\"event\":\"message\",\"args\":[{\"type\":\"candidate\",\"label\":0},\"p\"]}",
        new ServerEvent.Message(payload, "p"));
    assertFrame("{\"event\":\"log\",\"args\":[[\"a\",\"b\"]]}", new ServerEvent.Log(List.of("a", "b")));
    assertFrame("{\"event\":\"ipaddr\",\"args\":[\"10.0.0.1\"]}", new ServerEvent.IpAddr("10.0.0.1"));
    assertFrame("{\"event\":\"error\",\"args\":[{\"code\":\"not-in-room\",\"message\":\"m\"}]}",
        new ServerEvent.Error(ErrorCode.NOT_IN_ROOM, "m"));
    assertFrame("{\"event\":\"mute\",\"args\":[true]}",
        new ServerEvent.Custom("mute", List.of(json.readTree("true"))));
    assertFrame("{\"event\":\"ack\",\"args\":[1],\"id\":4}",
        new ServerEvent.AckReply(4, List.of(json.readTree("1"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r", "room with spaces", "quote\" back\\slash / slash", "tab\tnew\nline\u0001\u001f",
      "äöü 日本 \uD83D\uDE00", "\uD800 lone surrogate", "</script>", ""})
  void roomEventsAreTheSameTextTheGeneratorWrites(String text) {
    List<ServerEvent> events = List.of(new ServerEvent.Created(text, "id-" + text), new ServerEvent.Join(text, text),
        new ServerEvent.Joined(text, "p"), new ServerEvent.Ready(text), new ServerEvent.Full(text),
        new ServerEvent.Bye(text, text));
    for (ServerEvent event : events) {
      assertEquals(codec.encodeWithGenerator(event), codec.encode(event), event.toString());
    }
  }

  private void assertFrame(String expected, ServerEvent event) throws Exception {
    assertEquals(json.readTree(expected), json.readTree(encode(event)));
  }
}
