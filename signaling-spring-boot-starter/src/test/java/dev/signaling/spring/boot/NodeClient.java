package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test script of src/test/node on Node.js with the real socket.io-client, which the build
 * installs there ({@code npm ci}, before the integration tests).
 */
final class NodeClient {
  private static final Path NODE_TESTS = Path.of("src/test/node");

  private NodeClient() {}

  static void run(int port, String script) throws IOException, InterruptedException {
    run(port, "/socket.io/", script);
  }

  static void run(int port, String socketIoPath, String script) throws IOException, InterruptedException {
    assertTrue(Files.isDirectory(NODE_TESTS.resolve("node_modules/socket.io-client")),
        "run `npm ci --prefix signaling-spring-boot-starter/src/test/node` first (the build does)");
    ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-timeout=30000",
        "--test-reporter=spec", script)
        .directory(NODE_TESTS.toFile())
        .redirectErrorStream(true);
    node.environment().put("SERVER_URL", "http://127.0.0.1:" + port);
    node.environment().put("SOCKETIO_PATH", socketIoPath);
    Process process = node.start();
    String output;
    boolean finished;
    try {
      finished = process.waitFor(90, TimeUnit.SECONDS);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    System.out.println(output);
    assertTrue(finished, "node --test did not finish within 90 s:\n" + output);
    assertEquals(0, process.exitValue(), "node --test failed:\n" + output);
    assertTrue(output.contains("codelab over polling upgraded to websocket"), output);
  }
}
