package dev.signaling.examples;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them on a command line: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 0}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    Matcher m = FORMAT.matcher(value.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 500ms, 2m or 0");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2);
    if (unit == null) {
      if (amount != 0) {
        throw new TypeConversionException("'" + value + "' needs a unit: ms, s, m or h");
      }
      return Duration.ZERO;
    }
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
