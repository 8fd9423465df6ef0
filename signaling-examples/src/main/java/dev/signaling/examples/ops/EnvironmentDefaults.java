package dev.signaling.examples.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option's default from an environment variable: {@code --port} from {@code
 * SIGNALING_PORT}, {@code --ice-server} from {@code SIGNALING_ICE_SERVER} ... ({@code SIGNALING_}
 * + the long name without dashes, upper case, {@code -} as {@code _}). The command line wins
 * over the environment, the environment over the built-in default. Repeatable options take a
 * comma-separated list; flags take {@code true} or {@code false}.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  public static final String PREFIX = "SIGNALING_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** The process environment. */
  public static EnvironmentDefaults system() {
    return new EnvironmentDefaults(System.getenv());
  }

  /** The variable that sets {@code option}, e.g. {@code SIGNALING_ADMIN_PORT} for {@code --admin-port}. */
  public static String variableFor(OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "");
    return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (argument instanceof OptionSpec option && !option.usageHelp() && !option.versionHelp()) {
      String value = environment.get(variableFor(option));
      if (value != null) {
        return value;
      }
    }
    return argument.defaultValue();
  }
}
