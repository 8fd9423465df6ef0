package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.examples.ops.EnvironmentDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of the server's command line, as picocli's model lists it (so options added
 * later are covered without touching this test), set through its {@code SIGNALING_*}
 * environment variable: the parsed value is the one the variable gave, and the command line
 * still wins over it.
 */
class EnvironmentVariablesTest {
  private static final String README = readme();

  private static String readme() {
    try {
      return Files.readString(Path.of("..", "README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every option but --help and --version. */
  static Stream<String> options() {
    return new CommandLine(new Main()).getCommandSpec().options().stream()
        .filter(option -> !option.usageHelp() && !option.versionHelp())
        .map(OptionSpec::longestName);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void everyOptionIsReadFromItsEnvironmentVariable(String name) {
    OptionSpec option = new CommandLine(new Main()).getCommandSpec().findOption(name);
    Sample sample = Sample.of(option);
    String variable = EnvironmentDefaults.variableFor(option);
    assertEquals("SIGNALING_" + name.substring(2).toUpperCase().replace('-', '_'), variable);

    CommandLine fromEnvironment = Main.commandLine(new Main(), Map.of(variable, sample.environment()));
    fromEnvironment.parseArgs();
    Object value = plain(fromEnvironment.getCommandSpec().findOption(name).getValue());
    assertEquals(sample.expected(), value, variable + "=" + sample.environment());

    CommandLine withoutIt = Main.commandLine(new Main(), Map.of());
    withoutIt.parseArgs();
    assertNotEquals(sample.expected(), plain(withoutIt.getCommandSpec().findOption(name).getValue()),
        "the sample differs from the default, so the test can tell them apart");

    assertTrue(README.contains("| `" + name + "` | `" + variable + "` |"),
        "README.md's configuration table (\"Operating it\") lists " + name + " and " + variable);

    if (!option.typeInfo().isBoolean()) {
      CommandLine both = Main.commandLine(new Main(), Map.of(variable, sample.environment()));
      both.parseArgs(name, sample.commandLine());
      assertEquals(sample.commandLineExpected(), plain(both.getCommandSpec().findOption(name).getValue()),
          "the command line wins over " + variable);
    }
  }

  /** A char[] (a password) as a String, so values compare by content. */
  private static Object plain(Object value) {
    return value instanceof char[] chars ? new String(chars) : value;
  }

  /** A value for an option of each type, as the environment and the command line give it. */
  private record Sample(String environment, Object expected, String commandLine, Object commandLineExpected) {
    static Sample of(OptionSpec option) {
      Class<?> type = option.type();
      if (option.isMultiValue()) {
        return new Sample("stun:a.example:3478,https://b.example", List.of("stun:a.example:3478", "https://b.example"),
            "stun:c.example", List.of("stun:c.example"));
      }
      if (type == int.class || type == Integer.class) {
        return new Sample("4321", 4321, "1234", 1234);
      }
      if (type == boolean.class || type == Boolean.class) {
        return new Sample("true", true, null, null);
      }
      if (type == Path.class) {
        return new Sample("/run/secrets/token", Path.of("/run/secrets/token"), "/tmp/other", Path.of("/tmp/other"));
      }
      if (type == char[].class) {
        return new Sample("from-environment", "from-environment", "from-command-line", "from-command-line");
      }
      if (type == Duration.class) {
        return new Sample("45s", Duration.ofSeconds(45), "500ms", Duration.ofMillis(500));
      }
      if (type == String.class) {
        if (option.longestName().equals("--log-format")) {
          return new Sample("json", "json", "text", "text");
        }
        return new Sample("from-environment", "from-environment", "from-command-line", "from-command-line");
      }
      throw new AssertionError("no sample value for " + option.longestName() + " of type " + type
          + ": add one here so its environment variable is tested");
    }
  }
}
