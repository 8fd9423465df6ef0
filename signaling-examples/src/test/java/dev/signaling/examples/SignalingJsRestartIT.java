package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web app's {@code js/signaling.js}, run by Node.js against the example server, when the
 * server drains: a close with 1012 makes it reconnect at once (within its 250 ms jitter), and a
 * second 1012 straight away (the node still draining) falls back to the usual backoff.
 */
class SignalingJsRestartIT {
  private static final Path SCRIPT = Path.of("src/main/resources/web/js/signaling.js");

  @Test
  void aServiceRestartCloseReconnectsAtOnceAndARepeatedOneBacksOff() throws Exception {
    try (ExampleServer server = DemoServers.start("--quiet-clients")) {
      ProcessBuilder node = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings",
          "src/test/node/restart.js", SCRIPT.toString()).redirectErrorStream(true);
      node.environment().put("SERVER_URL", server.url().replaceFirst("^http", "ws") + "signaling");
      Process process = node.start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        lines.add(String.valueOf(line));
        assertEquals("CREATED restart-room", line, "joined before the drain");
        assertTrue(server.drain(Duration.ofSeconds(5)), "drained");
        for (line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } finally {
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "node finished: " + lines);
        process.destroyForcibly();
      }
      assertEquals(0, process.exitValue(), String.join("\n", lines));
      assertEquals(5, lines.size(), String.join("\n", lines));
      assertEquals("DISCONNECT 1012", lines.get(1));
      long firstDelay = Long.parseLong(lines.get(2).substring("RECONNECTING ".length()));
      assertTrue(firstDelay <= 250, "reconnects at once after 1012: " + lines);
      assertEquals("DISCONNECT 1012", lines.get(3), "refused: the server still drains");
      long secondDelay = Long.parseLong(lines.get(4).substring("RECONNECTING ".length()));
      assertTrue(secondDelay >= 250, "backs off after a second 1012 in a row: " + lines);
    }
  }
}
