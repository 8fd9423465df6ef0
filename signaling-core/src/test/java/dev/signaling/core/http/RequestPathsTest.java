package dev.signaling.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/, /",
      "/js/main.js, /js/main.js",
      "/my%20room, /my room",
      "/caf%C3%A9, /café",
      "/a+b, /a+b",
      "/socket.io/, /socket.io/",
  })
  void safePathsAreDecodedOnce(String raw, String decoded) {
    assertEquals(Optional.of(decoded), RequestPaths.decode(raw));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "/../etc/passwd", "/js/../../etc/passwd", "/./js/main.js", "/%2e%2e/etc/passwd", "/%2E%2E/etc/passwd",
      "/..%2fetc", "/..%5cetc", "/..\\etc", "/%252e%252e/etc", "/%c0%ae%c0%ae/etc", "/a%00b", "/%", "/%zz",
      "/%0a", "relative", "", "/caf\u00e9",
  })
  void everySpellingOfAnEscapeIsRefused(String raw) {
    assertTrue(RequestPaths.decode(raw).isEmpty(), raw);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"/..", "/a/../b", "/a/./b", "/a\\b", "/a\u0001b", "/a\u007fb", "a/b"})
  void decodedPathsWithADotSegmentBackslashOrControlCharacterAreNotSafe(String path) {
    assertFalse(RequestPaths.isSafe(path), path);
  }
}
