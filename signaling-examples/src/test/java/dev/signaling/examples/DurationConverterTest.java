package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsANumberWithAUnitOrIso8601() {
    assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
    assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
    assertEquals(Duration.ofMinutes(30), converter.convert("30m"));
    assertEquals(Duration.ofHours(1), converter.convert("1h"));
    assertEquals(Duration.ofDays(2), converter.convert("2D"));
    assertEquals(Duration.ofMinutes(90), converter.convert("PT1H30M"));
  }

  @Test
  void anythingElseIsRefusedSayingWhatWorks() {
    CommandLine.TypeConversionException refused =
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("an hour"));
    assertTrue(refused.getMessage().contains("'an hour'") && refused.getMessage().contains("30m"), refused.getMessage());
    assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("-5s"));
  }
}
