package dev.signaling.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  /** The JDK's strict decoder: what a browser accepts in a text frame. */
  private static boolean jdkAccepts(byte[] bytes, int offset, int length) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @ParameterizedTest
  @CsvSource({
      "'', -1", "41, -1", "c3a9, -1", "e282ac, -1", "f09f9880, -1", "f48fbfbf, -1", "efbfbf, -1",
      "ed9fbf, -1", "ee8080, -1",
      "80, 0", "c3, 0", "c0af, 0", "c1bf, 0", "e080af, 0", "eda080, 0", "edbfbf, 0", "f08f8080, 0",
      "f4908080, 0", "f5808080, 0", "ff, 0", "4142c3, 2", "41424344454647484980, 9",
      "414243444546474849c3a9e282, 11",
  })
  void findsTheFirstByteThatDoesNotStartAWellFormedSequence(String hex, int expected) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertEquals(expected, Utf8.firstInvalid(bytes, 0, bytes.length));
    assertEquals(expected < 0, jdkAccepts(bytes, 0, bytes.length));
  }

  @Test
  void agreesWithTheJdkOnRandomBytesAtEveryAlignment() {
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        // Mostly ASCII, some lead and continuation bytes: the interesting mixes are common.
        int kind = random.nextInt(10);
        bytes[i] = (byte) (kind < 6 ? random.nextInt(0x80) : kind < 8 ? 0x80 + random.nextInt(0x40) : 0xC0 + random.nextInt(0x40));
      }
      int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int length = bytes.length - offset;
      int invalid = Utf8.firstInvalid(bytes, offset, length);
      assertEquals(invalid < 0, jdkAccepts(bytes, offset, length), HexFormat.of().formatHex(bytes));
    }
  }

  @Test
  void onlyTheGivenRangeIsChecked() {
    byte[] bytes = HexFormat.of().parseHex("ff41424344454647484950ff");
    assertEquals(-1, Utf8.firstInvalid(bytes, 1, 10));
    assertEquals(11, Utf8.firstInvalid(bytes, 1, 11));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ascii", "é", "日本", "😀 x 😀", "\uD800", "a\uDC00b", "\uD83D", "\uD83D\uDE00\uDE00"})
  void lengthIsWhatStringGetBytesWrites(String text) {
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text));
  }
}
