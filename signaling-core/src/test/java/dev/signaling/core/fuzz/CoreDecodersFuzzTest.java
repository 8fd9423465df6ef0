package dev.signaling.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Handshake;
import dev.signaling.core.RawJson;
import dev.signaling.core.Room;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.SignalingException;
import dev.signaling.core.protocol.NativeCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz tests of the core's decoders of untrusted text and bytes: the native codec, {@link RawJson} and room
 * names, the handshake query. In a normal build ({@code mvn verify}) each replays its committed inputs (the
 * {@code CoreDecodersFuzzTestInputs} resources); with {@code JAZZER_FUZZ=1} Jazzer generates
 * inputs (docs/SECURITY.md, "Running the fuzzers"). What each asserts holds for every input:
 * the decoder answers with its documented refusal or a value that keeps its invariants, and
 * nothing else escapes (no NullPointerException, no StackOverflowError, no hang).
 */
class CoreDecodersFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final NativeCodec codec = new NativeCodec();

  /** A native frame decodes into an event, or is refused with invalid-json / invalid-event. */
  @FuzzTest(maxDuration = "5m")
  void nativeCodecDecodesOrRefuses(FuzzedDataProvider data) {
    String frame = data.consumeRemainingAsString();
    List<Object> replies = new ArrayList<>();
    ClientEvent event;
    try {
      event = codec.decode(frame, replies::add);
    } catch (SignalingException e) {
      assertTrue(e.code() == ErrorCode.INVALID_JSON || e.code() == ErrorCode.INVALID_EVENT, e.code().toString());
      assertNotNull(e.getMessage());
      return;
    }
    assertNotNull(event);
    if (event instanceof ClientEvent.Message message) {
      // A relayed payload is one valid JSON value whose text parses back to itself.
      assertEquals(message.payload(), RawJson.parse(message.payload().text()));
      assertValidJson(message.payload().text());
    }
  }

  /**
   * A native frame given as bytes (the Netty transport's path) decodes as its text does; bytes
   * that are not well-formed UTF-8 are refused with invalid-json; a relayed payload's bytes are
   * the sender's, and the frame relaying it is the text path's frame encoded.
   */
  @FuzzTest(maxDuration = "5m")
  void nativeCodecDecodesBytesAsItsText(FuzzedDataProvider data) {
    byte[] frame = data.consumeRemainingAsBytes();
    boolean utf8 = isUtf8(frame);
    NativeCodec.Decoded fromBytes;
    try {
      fromBytes = codec.decodeNumbered(frame.clone(), event -> { });
    } catch (SignalingException e) {
      assertTrue(e.code() == ErrorCode.INVALID_JSON || e.code() == ErrorCode.INVALID_EVENT, e.code().toString());
      assertEquals(!utf8, e.getCause() instanceof java.io.CharConversionException, e.getMessage());
      if (utf8) {
        SignalingException fromText = assertThrows(SignalingException.class,
            () -> codec.decodeNumbered(new String(frame, StandardCharsets.UTF_8), event -> { }));
        assertEquals(fromText.code(), e.code(), e.getMessage() + " / " + fromText.getMessage());
      }
      return;
    }
    assertTrue(utf8, "accepted bytes that are not UTF-8");
    NativeCodec.Decoded fromText = codec.decodeNumbered(new String(frame, StandardCharsets.UTF_8), event -> { });
    assertEquals(fromText.seq(), fromBytes.seq());
    assertEquals(fromText.ack(), fromBytes.ack());
    if (fromBytes.event() instanceof ClientEvent.Custom custom) {
      ClientEvent.Custom expected = (ClientEvent.Custom) fromText.event();
      assertEquals(expected.name(), custom.name());
      assertEquals(expected.args(), custom.args());
      return;
    }
    assertEquals(fromText.event(), fromBytes.event());
    if (fromBytes.event() instanceof ClientEvent.Message message) {
      RawJson payload = message.payload();
      byte[] bytes = new byte[payload.utf8Length()];
      payload.copyUtf8(bytes, 0);
      assertTrue(isUtf8(bytes));
      assertEquals(payload.text(), new String(bytes, StandardCharsets.UTF_8));
      assertValidJson(payload.text());
      ServerEvent.Message relayed = new ServerEvent.Message(payload, "p");
      assertArrayEquals(codec.encode(relayed).getBytes(StandardCharsets.UTF_8), codec.encodeUtf8(relayed));
      assertArrayEquals(codec.encode(relayed, 3, 2).getBytes(StandardCharsets.UTF_8), codec.encodeUtf8(relayed, 3, 2));
    }
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** RawJson.parse accepts exactly one JSON value (as Jackson reads it) and keeps its text. */
  @FuzzTest(maxDuration = "5m")
  void rawJsonAcceptsExactlyOneValue(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    RawJson value;
    try {
      value = RawJson.parse(text);
    } catch (IllegalArgumentException refused) {
      assertNotNull(refused.getMessage());
      return;
    }
    assertTrue(text.contains(value.text()), "the value's text is the sender's, only surrounding whitespace dropped");
    JsonNode tree = assertValidJson(value.text());
    assertEquals(tree, value.toJsonNode());
    if (value.isString()) {
      assertEquals(tree.textValue(), value.stringValue());
    }
    assertEquals(tree.isNull(), value.isNull());
    assertEquals(value, RawJson.parse(value.text()), "parsing its own text gives the same value");
  }

  /** A room name is accepted only when non-empty, within the byte limit and free of control characters. */
  @FuzzTest(maxDuration = "5m")
  void roomNamesAreAcceptedOnlyWhenValid(FuzzedDataProvider data) {
    int maxBytes = data.consumeInt(1, 256);
    String name = data.consumeRemainingAsString();
    boolean valid = !name.isEmpty()
        && name.getBytes(StandardCharsets.UTF_8).length <= maxBytes
        && name.chars().noneMatch(Character::isISOControl);
    try {
      Room room = Room.of(name, maxBytes);
      assertTrue(valid, "accepted an invalid name");
      assertEquals(name, room.name());
    } catch (SignalingException e) {
      assertFalse(valid, "refused a valid name: " + e.getMessage());
      assertEquals(ErrorCode.INVALID_ROOM, e.code());
    }
  }

  /**
   * The handshake query parser never fails; the native credential is the first non-empty {@code
   * token}; a redacted query never shows a token value.
   */
  @FuzzTest(maxDuration = "5m")
  void handshakeQueryParsesAnythingAndRedactsTokens(FuzzedDataProvider data) {
    String raw = data.consumeRemainingAsString();
    Map<String, List<String>> query = Handshake.parseQuery(raw);
    assertTrue(query.values().stream().mapToInt(List::size).sum() <= 64, "at most 64 pairs are read");
    Handshake handshake = Handshake.builder().rawQuery(raw).build();
    List<String> tokens = query.get(Handshake.TOKEN_PARAMETER);
    String expected = tokens != null && !tokens.get(0).isEmpty() ? tokens.get(0) : null;
    assertEquals(java.util.Optional.ofNullable(expected), handshake.credential());
    List<String> shown = Handshake.parseQuery(Handshake.redactQuery(raw)).getOrDefault(Handshake.TOKEN_PARAMETER, List.of());
    // A bare "token" (no '=') has no value to hide; every token that has one shows "<redacted>".
    assertTrue(shown.stream().allMatch(value -> value.isEmpty() || value.equals("<redacted>")),
        "a token in a redacted query: " + shown);
    assertTrue(handshake.toString().contains(expected == null ? "credential=<none>" : "credential=<present>"));
  }

  private static JsonNode assertValidJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not valid JSON for Jackson: " + e.getMessage(), e);
    }
  }
}
