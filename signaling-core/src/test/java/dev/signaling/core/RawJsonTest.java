package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}",
      "\"got user media\"",
      "42", "-0.5e-3", "true", "false", "null", "[]", "{}",
      "[1,[2,[3,{\"a\":[null]}]]]",
      "\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" \\\\ \\/\"",
      "\"café 😀\"",
      "{ \"spaced\" : [ 1 , 2 ] }",
  })
  void keepsAValidValueCharacterForCharacter(String text) throws Exception {
    RawJson value = RawJson.parse(text);

    assertEquals(text, value.text());
    assertEquals(json.readTree(text), value.toJsonNode());
  }

  @Test
  void dropsOnlyTheWhitespaceAroundTheValue() {
    assertEquals("[ 1 ]", RawJson.parse(" \n\t[ 1 ]\r\n ").text());
    assertEquals("12", RawJson.parse("12 ").text());
    assertEquals("\"a\"", RawJson.parse("\"a\"\n").text());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "[1 2]", "01", "NaN", "tru",
      "\"unterminated", "\"bad escape \\x\"", "\"raw\u0001control\"", "/* comment */ 1", "1 2",
      "{\"a\":1}}", "[1] [2]", "\"a\" x",
  })
  void refusesWhatIsNotExactlyOneJsonValue(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RawJson.parse(text));
    assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
  }

  @Test
  void refusesNestingDeeperThanTheCap() {
    String atCap = "[".repeat(RawJson.MAX_NESTING_DEPTH) + "]".repeat(RawJson.MAX_NESTING_DEPTH);
    String overCap = "[" + atCap + "]";

    assertEquals(atCap, RawJson.parse(atCap).text());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RawJson.parse(overCap));
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @Test
  void convertsFromAndToTrees() throws Exception {
    JsonNode tree = JsonNodeFactory.instance.objectNode()
        .put("type", "candidate").put("label", 0).put("note", "tab\there \"q\" é 😀");

    RawJson value = RawJson.of(tree);

    assertEquals(tree, value.toJsonNode());
    assertEquals(tree, json.readTree(value.text()));
    assertEquals(value, RawJson.parse(value.text()));
  }

  @Test
  void aTreeThatWritesRawTextCannotSmuggleInvalidJson() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putRawValue("sdp", new RawValue("not json"));
    assertThrows(IllegalArgumentException.class, () -> RawJson.of(tree));
    assertThrows(IllegalArgumentException.class,
        () -> RawJson.of(JsonNodeFactory.instance.pojoNode(new RawValue("1 2"))));

    ObjectNode fine = JsonNodeFactory.instance.objectNode();
    fine.putRawValue("n", new RawValue("[1, 2]"));
    assertEquals("{\"n\":[1, 2]}", RawJson.of(fine).text());
  }

  @Test
  void aTreeWithBinaryKeepsItsBinaryBesideItsBase64Text() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("type", "file");
    tree.set("data", BinaryNode.valueOf(new byte[] {1, 2, 3}));

    RawJson value = RawJson.of(tree);
    tree.put("type", "changed later");

    assertTrue(value.hasBinary());
    assertEquals("{\"type\":\"file\",\"data\":\"AQID\"}", value.text());
    assertTrue(value.toJsonNode().get("data").isBinary());
    assertEquals("file", value.toJsonNode().get("type").textValue());
    assertFalse(RawJson.parse(value.text()).hasBinary());
    assertFalse(RawJson.of(json.readTree("[\"AQID\"]")).hasBinary());
  }

  @Test
  void binaryIsFoundAtAnyDepth() throws Exception {
    ObjectNode deep = JsonNodeFactory.instance.objectNode();
    deep.putArray("a").addObject().set("b", BinaryNode.valueOf(new byte[] {9}));
    assertTrue(RawJson.containsBinary(deep));
    assertTrue(RawJson.containsBinary(BinaryNode.valueOf(new byte[0])));
    assertFalse(RawJson.containsBinary(json.readTree("{\"a\":[{\"b\":\"CQ==\"}],\"n\":1}")));
  }

  @Test
  void stringsAreQuotedAndEscapedAsJsonRequires() throws Exception {
    for (String s : List.of("", "peer-1", "a\"b\\c", "line\nbreak\u0000\u001f", "é 😀 \u2028", "</script>")) {
      RawJson value = RawJson.string(s);

      assertEquals(s, json.readTree(value.text()).textValue(), value.text());
      assertTrue(value.isString());
      assertEquals(s, value.stringValue());
    }
    assertEquals("\"peer-1\"", RawJson.string("peer-1").text());
  }

  @Test
  void stringValueDecodesEscapes() {
    assertEquals("café 😀 \"", RawJson.parse("\"caf\\u00e9 \\ud83d\\ude00 \\\"\"").stringValue());
    assertEquals("plain", RawJson.parse("\"plain\"").stringValue());
    assertThrows(IllegalStateException.class, () -> RawJson.parse("7").stringValue());
  }

  @Test
  void tellsStringsAndNullFromOtherValues() {
    assertTrue(RawJson.parse("null").isNull());
    assertFalse(RawJson.parse("\"null\"").isNull());
    assertFalse(RawJson.parse("[\"x\"]").isString());
    assertFalse(RawJson.parse("{}").isNull());
  }

  @Test
  void equalityIsOnTheText() {
    assertEquals(RawJson.parse("{\"a\":1}"), RawJson.parse("{\"a\":1}"));
    assertEquals(RawJson.parse("{\"a\":1}").hashCode(), RawJson.parse(" {\"a\":1} ").hashCode());
    assertNotEquals(RawJson.parse("{\"a\":1}"), RawJson.parse("{ \"a\": 1 }"));
    assertEquals("[1]", RawJson.parse("[1]").toString());
  }

  @Test
  void aReaderCapturesEachValueOfAStreamExactly() throws Exception {
    String frame = "{\"skip\":{\"x\":[1,2]},\"args\":[ {\"a\" : \"\\u0041\\n\"}, \"peer\",12,-3.5e2 ,"
        + "true,null,[[],{}],\"😀\"],\"after\":1}";
    List<String> captured;
    try (RawJson.Reader reader = RawJson.reader(frame, 8)) {
      captured = captureArgs(reader).stream().map(RawJson::text).toList();
    }

    assertEquals(List.of("{\"a\" : \"\\u0041\\n\"}", "\"peer\"", "12", "-3.5e2", "true", "null", "[[],{}]", "\"😀\""),
        captured);
  }

  /**
   * Reads one object to its end as the codec does: each value of its {@code args} array captured,
   * every other member skipped.
   */
  private static List<RawJson> captureArgs(RawJson.Reader reader) throws Exception {
    List<RawJson> captured = new ArrayList<>();
    JsonParser parser = reader.parser();
    assertEquals(JsonToken.START_OBJECT, parser.nextToken());
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("args")) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          captured.add(reader.capture());
        }
      } else {
        parser.skipChildren();
      }
    }
    assertEquals(null, parser.nextToken());
    return captured;
  }

  @Test
  void aReaderCanStartAfterAHeader() throws Exception {
    String packet = "2/chat,17[\"message\",{\"k\":\"v\"}]";
    int from = packet.indexOf('[');
    try (RawJson.Reader reader = RawJson.reader(packet, from, 32)) {
      JsonParser parser = reader.parser();
      assertEquals(JsonToken.START_ARRAY, parser.nextToken());
      parser.nextToken();
      assertEquals("\"message\"", reader.capture().text());
      parser.nextToken();
      assertEquals("{\"k\":\"v\"}", reader.capture().text());
    }
  }

  @Test
  void aReaderValidatesWhatItCaptures() throws Exception {
    try (RawJson.Reader reader = RawJson.reader("[{\"a\":[1,}]", 8)) {
      reader.parser().nextToken();
      reader.parser().nextToken();
      assertThrows(JsonProcessingException.class, reader::capture);
    }
    try (RawJson.Reader reader = RawJson.reader("[[[[1]]]]", 3)) {
      reader.parser().nextToken();
      reader.parser().nextToken();
      assertThrows(JsonProcessingException.class, reader::capture);
    }
  }

  @Test
  void aReaderCapturesOnlyAtTheStartOfAValue() throws Exception {
    try (RawJson.Reader reader = RawJson.reader("{\"a\":1}", 8)) {
      assertThrows(IllegalStateException.class, reader::capture);
      reader.parser().nextToken();
      reader.parser().nextToken();
      assertThrows(IllegalStateException.class, reader::capture);
    }
  }

  @Test
  void aReaderCapturesValuesOfLongTexts() throws Exception {
    // Past Jackson's 32 K threshold it reads through a java.io.Reader in chunks of a few thousand
    // characters: values straddle chunk boundaries.
    List<String> values = new ArrayList<>();
    values.add("\"" + "x".repeat(50_000) + "\"");
    for (int i = 0; i < 2_000; i++) {
      values.add(i % 3 == 0 ? String.valueOf(123_456_789L * i) : i % 3 == 1 ? "{\"n\":" + i + "}" : "true");
    }
    String frame = "[" + String.join(",", values) + "]";
    List<String> captured = new ArrayList<>();
    try (RawJson.Reader reader = RawJson.reader(frame, 8)) {
      reader.parser().nextToken();
      while (reader.parser().nextToken() != JsonToken.END_ARRAY) {
        captured.add(reader.capture().text());
      }
    }
    assertEquals(values, captured);
  }

  @Test
  void aByteReaderCapturesSlicesOfTheFrameItWasGiven() throws Exception {
    String json = "{\"skip\":[\"ü\"],\"args\":[ {\"a\" : \"é😀\\n\"}, \"日本\",12,-3.5e2 ,true,null,[[],{}]]}";
    byte[] frame = ("header:" + json + " trailer").getBytes(StandardCharsets.UTF_8);
    int offset = "header:".length();
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    List<RawJson> captured;
    try (RawJson.Reader reader = RawJson.reader(frame, offset, length, 8)) {
      captured = captureArgs(reader);
    }

    List<String> texts = List.of("{\"a\" : \"é😀\\n\"}", "\"日本\"", "12", "-3.5e2", "true", "null", "[[],{}]");
    assertEquals(texts, captured.stream().map(RawJson::text).toList());
    for (int i = 0; i < texts.size(); i++) {
      byte[] expected = texts.get(i).getBytes(StandardCharsets.UTF_8);
      assertEquals(expected.length, captured.get(i).utf8Length());
      byte[] copied = new byte[expected.length];
      captured.get(i).copyUtf8(copied, 0);
      assertArrayEquals(expected, copied);
      assertEquals(RawJson.parse(texts.get(i)), captured.get(i));
    }
    assertEquals("日本", captured.get(1).stringValue());
    assertTrue(captured.get(5).isNull());
  }

  @Test
  void bytesAreParsedLikeTextAndCopied() {
    byte[] bytes = " {\"sdp\":\"é\"} ".getBytes(StandardCharsets.UTF_8);
    RawJson value = RawJson.parse(bytes, 0, bytes.length);
    bytes[3] = 'X';

    assertEquals("{\"sdp\":\"é\"}", value.text());
    assertEquals(12, value.utf8Length());
    assertEquals(RawJson.parse("{\"sdp\":\"é\"}"), value);
    for (String bad : List.of("", "{", "1 2", "'a'")) {
      byte[] b = bad.getBytes(StandardCharsets.UTF_8);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RawJson.parse(b, 0, b.length));
      assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
    }
    byte[] notUtf8 = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RawJson.parse(notUtf8, 0, 5));
    assertEquals("not JSON: not valid UTF-8: byte 0xED at offset 1", e.getMessage());
  }

  @Test
  void aValueMadeFromTextGivesItsUtf8Bytes() {
    RawJson value = RawJson.parse("[\"é😀\",\"\uD800\"]");
    byte[] expected = value.text().getBytes(StandardCharsets.UTF_8);
    assertEquals(expected.length, value.utf8Length());
    byte[] copied = new byte[expected.length + 1];
    assertEquals(copied.length, value.copyUtf8(copied, 1));
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(copied, 1, copied.length));
    assertEquals(expected.length, value.utf8Length());
  }

  @Test
  void readerDepthIsValidated() {
    assertThrows(IllegalArgumentException.class, () -> RawJson.reader("1", 0));
    assertThrows(IllegalArgumentException.class, () -> RawJson.reader("1", 1001));
  }
}
