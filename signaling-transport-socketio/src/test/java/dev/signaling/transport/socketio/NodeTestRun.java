package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code node --test} on scripts of a Node test directory and fails unless they all pass.
 * The directory is this module's src/test/node, or a copy of it that another module unpacked
 * from this module's test-jar (signaling-spring-boot-starter); either way the build has run
 * {@code npm ci} in it before the integration tests, so the real socket.io-client is there.
 */
public final class NodeTestRun {
  private NodeTestRun() {}

  /** Runs {@code scripts} in {@code nodeDir} with {@code env} added; returns what node printed. */
  public static String run(Path nodeDir, Map<String, String> env, String... scripts) throws IOException, InterruptedException {
    return run(nodeDir, env, Duration.ofSeconds(30), scripts);
  }

  /** The same, each test file given {@code testTimeout} (node's {@code --test-timeout}). */
  public static String run(Path nodeDir, Map<String, String> env, Duration testTimeout, String... scripts)
      throws IOException, InterruptedException {
    assertTrue(Files.isDirectory(nodeDir.resolve("node_modules/socket.io-client")),
        "run `npm ci` in " + nodeDir.toAbsolutePath() + " first (the build does, before the integration tests)");
    List<String> command = new ArrayList<>(List.of("node", "--experimental-websocket", "--test",
        "--test-timeout=" + testTimeout.toMillis(), "--test-reporter=spec"));
    command.addAll(List.of(scripts));
    ProcessBuilder node = new ProcessBuilder(command).directory(nodeDir.toFile()).redirectErrorStream(true);
    node.environment().putAll(env);
    Process process = node.start();
    String output;
    boolean finished;
    try {
      finished = process.waitFor(testTimeout.toSeconds() + 60, TimeUnit.SECONDS);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    System.out.println(output);
    assertTrue(finished, "node --test did not finish within " + (testTimeout.toSeconds() + 60) + " s:\n" + output);
    assertEquals(0, process.exitValue(), "node --test " + String.join(" ", scripts) + " failed:\n" + output);
    return output;
  }
}
