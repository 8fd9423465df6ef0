package dev.signaling.examples;

import dev.signaling.auth.jwt.HmacTokenIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar signaling-server.jar token --jwt-secret-file FILE --room foo [--room bar]
 * [--ttl 1h] [--subject alice]}: prints an HS256 token the server started with the same {@code
 * --jwt-secret-file} accepts, for trying authentication out.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Prints a JWT (HS256) for the server's --jwt-secret-file, granting the rooms given.")
final class TokenCommand implements Callable<Integer> {

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--jwt-secret-file", paramLabel = "FILE", required = true,
      description = "The file holding the shared secret (at least 32 bytes), as given to the server.")
  Path secretFile;

  @Option(names = "--room", paramLabel = "ROOM", required = true,
      description = "A room the token may enter (repeatable); * for any room.")
  List<String> rooms;

  @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "How long the token is valid: 90s, 30m, 1h, 2d (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(names = "--subject", paramLabel = "NAME", defaultValue = "guest",
      description = "The token's subject, the user it names (default: ${DEFAULT-VALUE}).")
  String subject;

  @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "An iss claim, if the server requires one.")
  String issuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD", description = "An aud claim, if the server requires one.")
  String audience;

  @Override
  public Integer call() {
    HmacTokenIssuer tokens;
    try {
      tokens = HmacTokenIssuer.builder().secretFile(secretFile).issuer(issuer).audience(audience).build();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --jwt-secret-file " + secretFile + ": " + e);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jwt-secret-file: " + e.getMessage());
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--ttl must be positive");
    }
    spec.commandLine().getOut().println(tokens.issue(subject, new LinkedHashSet<>(rooms), ttl));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
