package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.signaling.core.RawJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketIoPacketCodecTest {
  private final SocketIoPacketCodec codec = new SocketIoPacketCodec(10, 32);

  @Test
  void decodesNamespaceAckIdAndPayload() throws Exception {
    SocketIoPacket packet = codec.decode("2/chat,12[\"hello\",1]");
    assertEquals(SocketIoPacket.EVENT, packet.type());
    assertEquals("/chat", packet.namespace());
    assertEquals(12L, packet.ackId());
    assertEquals("[\"hello\",1]", packet.data().toString());
  }

  @Test
  void aConnectWithoutPayloadTargetsTheMainNamespace() throws Exception {
    SocketIoPacket packet = codec.decode("0");
    assertEquals("/", packet.namespace());
    assertNull(packet.data());
  }

  @Test
  void binaryPlaceholdersBecomeBinaryNodesAndBackAgain() throws Exception {
    SocketIoPacket announced = codec.decode("52-[\"upload\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");
    SocketIoPacket complete = codec.attach(announced, List.of(new byte[] {1}, new byte[] {2}));
    assertArrayEquals(new byte[] {2}, complete.data().get(1).binaryValue());
    SocketIoPacketCodec.Encoded encoded = codec.event("/", (com.fasterxml.jackson.databind.node.ArrayNode) complete.data());
    assertEquals("52-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", encoded.text());
    assertArrayEquals(new byte[] {2}, encoded.attachments().get(0));
  }

  @Test
  void encodesAcksWithNamespaceAndBinaryAcksWithTheirCount() {
    assertEquals("3/x,7[1]", codec.ack("/x", 7, codec.array().add(1)).text());
    assertEquals("61-7[{\"_placeholder\":true,\"num\":0}]",
        codec.ack("/", 7, codec.array().add(BinaryNode.valueOf(new byte[] {9}))).text());
    assertEquals("4/x,{\"message\":\"Invalid namespace\"}", codec.connectError("/x", "Invalid namespace", null).text());
  }

  @Test
  void refusesWhatBreaksTheProtocol() {
    for (String bad : new String[] {"", "7", "x", "2{}", "2[]", "2[1]", "3[1]", "4{}", "1{}", "0[]",
        "511-[\"a\"]", "5-[\"a\"]", "5x-[\"a\"]", "2[\"a\"]trailing", "21234567890123456[\"a\"]",
        "2[\"a\"," + "[".repeat(40) + "]".repeat(40) + "]"}) {
      assertThrows(MalformedPacketException.class, () -> codec.decode(bad), bad);
    }
  }

  @Test
  void anEventForARawNamespaceKeepsItsArgumentsAsTheirJsonText() throws Exception {
    String payload = "{ \"sdp\" : \"v=0\\r\\n\\u00e9 \u00e9\ud83d\ude00\", \"n\": [1.0E2, []] }";
    SocketIoPacket packet = codec.decode("42/chat,12[\"message\"," + payload + ",\"peer\",null]", 1, "/chat"::equals);

    assertEquals(SocketIoPacket.EVENT, packet.type());
    assertEquals("/chat", packet.namespace());
    assertEquals(12L, packet.ackId());
    assertNull(packet.data());
    assertEquals("message", packet.rawEvent().name());
    assertEquals(List.of(RawJson.parse(payload), RawJson.string("peer"), RawJson.parse("null")), packet.rawEvent().args());
    assertEquals(payload, packet.rawEvent().args().get(0).text());
  }

  @Test
  void onlyEventsWithoutAttachmentsForARawNamespaceAreDecodedRaw() throws Exception {
    assertNull(codec.decode("2[\"a\",1]", 0, namespace -> false).rawEvent());
    assertNull(codec.decode("2/other,[\"a\",1]", 0, "/"::equals).rawEvent());
    SocketIoPacket binary = codec.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]", 0, namespace -> true);
    assertNull(binary.rawEvent());
    assertEquals(1, binary.attachments());
    assertNull(codec.decode("3/x,7[1]", 0, namespace -> true).rawEvent());
  }

  @Test
  void rawDecodingRefusesWhatTreeDecodingRefuses() {
    for (String bad : new String[] {"2", "2{}", "2[]", "2[1]", "2\"a\"", "2[\"a\"]trailing", "2[\"a\"][]", "2[\"a\",]",
        "2[\"a\",{\"b\":}]", "2[\"a\",'b']", "2[\"a\"," + "[".repeat(40) + "]".repeat(40) + "]"}) {
      assertThrows(MalformedPacketException.class, () -> codec.decode(bad, 0, namespace -> true), bad);
      assertThrows(MalformedPacketException.class, () -> codec.decode(bad), bad);
    }
  }

  @Test
  void anEventWrittenAsTextStartsWithItsNamespacesPrefix() throws Exception {
    assertEquals("2", codec.eventPrefix("/"));
    assertEquals("2/x,", codec.eventPrefix("/x"));
    SocketIoPacket packet = codec.decode(codec.eventPrefix("/x") + "[\"ready\",\"r\"]");
    assertEquals("/x", packet.namespace());
    assertEquals("[\"ready\",\"r\"]", packet.data().toString());
    assertTrue(codec.text("2[\"ready\"]").attachments().isEmpty());
  }

  @Test
  void aPlaceholderPointingPastTheAttachmentsIsRefused() throws Exception {
    SocketIoPacket announced = codec.decode("51-[\"a\",{\"_placeholder\":true,\"num\":3}]");
    assertThrows(MalformedPacketException.class, () -> codec.attach(announced, List.of(new byte[] {1})));
  }
}
