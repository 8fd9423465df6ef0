package dev.signaling.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.ClientEvent;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingException;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case of {@link NativeCodecTest} again with frames as UTF-8 bytes in and out (the Netty
 * transport's path), and what only bytes can get wrong: multi-byte characters, surrogate pairs and
 * bytes that are not UTF-8 at all.
 */
class NativeCodecUtf8Test extends NativeCodecTest {

  @Override
  ClientEvent decode(String frame) {
    return codec.decode(frame.getBytes(StandardCharsets.UTF_8), replies::add);
  }

  @Override
  String encode(ServerEvent event) {
    return new String(codec.encodeUtf8(event), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"café – 日本語 – 😀 – \u2028\"",
      "{\"sdp\":\"a=😀\\r\\n\",\"ü\":[\"\\ud83d\\ude00\",\"\\u00e9\"]}",
      "[\"\uD83D\uDE00\uD83D\uDE01\",\"𝄞\",\"\\\\\\\"\\/\"]",
  })
  void aMultiByteOrEscapedPayloadIsRelayedByteForByte(String payload) {
    byte[] frame = utf8("{\"event\":\"message\",\"args\":[" + payload + ",\"peer-2\"]}");

    ClientEvent.Message in = (ClientEvent.Message) codec.decode(frame, replies::add);
    byte[] out = codec.encodeUtf8(new ServerEvent.Message(in.payload(), "peer-1"));

    assertEquals(payload, in.payload().text());
    assertEquals(utf8(payload).length, in.payload().utf8Length());
    assertArrayEquals(utf8("{\"event\":\"message\",\"args\":[" + payload + ",\"peer-1\"]}"), out);
  }

  @Test
  void theBytesFrameIsTheTextFrameEncoded() {
    RawJson fromBytes = ((ClientEvent.Message) codec.decode(
        utf8("{\"event\":\"message\",\"args\":[{\"a\":\"é😀\"}]}"), replies::add)).payload();
    RawJson fromText = RawJson.parse("{\"a\":\"é😀\"}");
    for (RawJson payload : List.of(fromBytes, fromText)) {
      for (ServerEvent.Message m : List.of(new ServerEvent.Message(payload, "p"),
          new ServerEvent.Message(payload, "p", "subject"), new ServerEvent.Message(payload, "p", "Zoë \"Z\" 😀"))) {
        assertArrayEquals(utf8(codec.encode(m)), codec.encodeUtf8(m), m.toString());
        assertArrayEquals(utf8(codec.encode(m, 7, 0)), codec.encodeUtf8(m, 7, 0));
        assertArrayEquals(utf8(codec.encode(m, 7, 3)), codec.encodeUtf8(m, 7, 3));
      }
    }
    assertEquals(fromText, fromBytes);
    assertEquals(fromText.hashCode(), fromBytes.hashCode());
  }

  @Test
  void everyOtherEventAndItsSeqEncodeAsTheirText() {
    for (ServerEvent event : List.of(new ServerEvent.Joined("rööm", "p"), new ServerEvent.Ready("r"),
        new ServerEvent.Error(ErrorCode.INVALID_JSON, "ü"))) {
      assertArrayEquals(utf8(codec.encode(event)), codec.encodeUtf8(event));
      assertArrayEquals(utf8(codec.encode(event, 12, 5)), codec.encodeUtf8(event, 12, 5));
    }
  }

  /** What a transport's sink receives from {@link Utf8Frame#writeTo}: each piece's array and range. */
  private record Piece(byte[] array, int offset, int length) {}

  private static List<Piece> pieces(Utf8Frame frame) {
    List<Piece> pieces = new java.util.ArrayList<>();
    frame.writeTo((bytes, offset, length) -> pieces.add(new Piece(bytes, offset, length)));
    return pieces;
  }

  private static byte[] joined(List<Piece> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(p -> out.write(p.array(), p.offset(), p.length()));
    return out.toByteArray();
  }

  @Test
  void aMessageFrameIsWrittenInPiecesWithThePayloadStraightFromTheIncomingFrame() {
    byte[] incoming = utf8("{\"event\":\"message\",\"args\":[{\"sdp\":\"é😀\\r\\n\"}]}");
    RawJson fromBytes = ((ClientEvent.Message) codec.decode(incoming, replies::add)).payload();
    RawJson fromText = RawJson.parse("{\"sdp\":\"é😀\\r\\n\"}");
    for (RawJson payload : List.of(fromBytes, fromText)) {
      for (ServerEvent.Message m : List.of(new ServerEvent.Message(payload, "p"),
          new ServerEvent.Message(payload, "p", "Zoë \"Z\" 😀"))) {
        for (long[] numbers : new long[][] {{}, {7, 0}, {7, 3}}) {
          Utf8Frame frame = numbers.length == 0 ? codec.encodeFrame(m) : codec.encodeFrame(m, numbers[0], numbers[1]);
          String text = numbers.length == 0 ? codec.encode(m) : codec.encode(m, numbers[0], numbers[1]);
          List<Piece> pieces = pieces(frame);

          assertArrayEquals(utf8(text), joined(pieces), text);
          assertEquals(utf8(text).length, frame.length());
          assertArrayEquals(utf8(text), frame.toArray());
          assertEquals(3, pieces.size()); // prefix, payload, sender and numbers
          if (payload == fromBytes) {
            // The payload is not copied on its way out: the sink reads the incoming frame's own array.
            assertSame(incoming, pieces.get(1).array());
            assertEquals(utf8("{\"event\":\"message\",\"args\":[").length, pieces.get(1).offset());
          }
        }
      }
    }
  }

  @Test
  void anyOtherFrameIsOnePiece() {
    Utf8Frame frame = codec.encodeFrame(new ServerEvent.Joined("rööm", "p"), 4, 2);
    List<Piece> pieces = pieces(frame);

    assertEquals(1, pieces.size());
    assertArrayEquals(utf8(codec.encode(new ServerEvent.Joined("rööm", "p"), 4, 2)), joined(pieces));
    assertEquals(frame.toArray().length, frame.length());
  }

  @Test
  void theRecipientsOfOneMessageShareItsFrame() {
    ServerEvent.Message m = new ServerEvent.Message(RawJson.parse("[1]"), "p");

    assertSame(codec.encodeFrame(m), codec.encodeFrame(m));
  }

  @Test
  void theRecipientsOfOneMessageShareItsBytes() {
    ServerEvent.Message m = new ServerEvent.Message(RawJson.parse("[1]"), "p");
    byte[] first = codec.encodeUtf8(m);

    assertSame(first, codec.encodeUtf8(m));
    assertArrayEquals(first, codec.encodeUtf8(new ServerEvent.Message(RawJson.parse("[1]"), "p")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "ff",           // never in UTF-8
      "80",           // a continuation byte without a lead
      "c3",           // truncated: a lead byte at the end of the string
      "c328",         // a lead byte followed by ASCII
      "c0af",         // overlong '/'
      "e080af",       // overlong, three bytes
      "eda080",       // a UTF-16 surrogate (U+D800) in UTF-8
      "f4908080",     // past U+10FFFF
      "f5808080",     // a lead byte above F4
      "f09f98",       // a four-byte character cut short
  })
  void bytesThatAreNotUtf8AreRefusedWithAClearError(String hex) {
    byte[] frame = concat(utf8("{\"event\":\"message\",\"args\":[\"x"), HexFormat.of().parseHex(hex), utf8("\"]}"));

    SignalingException e = assertThrows(SignalingException.class, () -> codec.decodeNumbered(frame, replies::add));

    assertEquals(ErrorCode.INVALID_JSON, e.code());
    assertInstanceOf(CharConversionException.class, e.getCause());
    assertTrue(e.getMessage().startsWith("frame is not valid UTF-8: byte 0x"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" at offset 29"), e.getMessage()); // where the bad bytes start
  }

  @Test
  void aPayloadDecodedFromBytesKeepsTheRestOfRawJsonsApi() throws Exception {
    RawJson target = ((ClientEvent.Message) codec.decode(
        utf8("{\"event\":\"message\",\"args\":[null,\"p\\u00e9\"]}"), replies::add)).payload();
    ClientEvent.Message m = (ClientEvent.Message) codec.decode(
        utf8("{\"event\":\"message\",\"args\":[\"a\\\"ü\",\"pé\"]}"), replies::add);

    assertTrue(target.isNull());
    assertTrue(m.payload().isString());
    assertEquals("a\"ü", m.payload().stringValue());
    assertEquals("pé", m.targetPeerId());
    assertEquals(json.readTree("\"a\\\"ü\""), m.payload().toJsonNode());
    byte[] copy = new byte[m.payload().utf8Length() + 2];
    assertEquals(copy.length - 1, m.payload().copyUtf8(copy, 1));
    assertEquals("\"a\\\"ü\"", new String(copy, 1, copy.length - 2, StandardCharsets.UTF_8));
  }
}
