package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the real socket.io-client 4.8 (npm) on Node.js against our server: src/test/node, whose
 * dependencies {@code npm ci} installs (.ci/run does it; so must a developer, once). A machine
 * without them fails this test rather than skipping it: the issue requires it to run.
 */
class NodeClientIT {
  // Other modules that run this suite on their transport (signaling-transport-netty) point here.
  private static final Path NODE_TESTS = Path.of(System.getProperty("socketio.node.tests", "src/test/node"));

  @Test
  void theRealSocketIoClientDrivesTheCodelabScenarioOnEveryTransport() throws Exception {
    assertTrue(Files.isDirectory(NODE_TESTS.resolve("node_modules/socket.io-client")),
        "run `npm ci --prefix signaling-transport-socketio/src/test/node` first");
    try (SignalingFixture fixture = new SignalingFixture()) {
      ProcessBuilder node = new ProcessBuilder("node", "--experimental-websocket", "--test", "--test-timeout=30000", "--test-reporter=spec",
          "codelab.test.js", "own-client.test.js")
          .directory(NODE_TESTS.toFile())
          .redirectErrorStream(true);
      node.environment().put("SERVER_URL", fixture.httpUrl());
      Process process = node.start();
      String output;
      boolean finished;
      try {
        finished = process.waitFor(90, TimeUnit.SECONDS);
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
        output = readAll(process);
      }
      System.out.println(output);
      assertTrue(finished, "node --test did not finish within 90 s:\n" + output);
      assertEquals(0, process.exitValue(), "node --test failed:\n" + output);
      assertTrue(output.contains("codelab scenario over polling then websocket"), output);
      assertTrue(output.contains("our own client script"), output);
    }
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
