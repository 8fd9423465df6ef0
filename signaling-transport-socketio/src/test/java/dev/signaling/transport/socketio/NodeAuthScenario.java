package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/auth.test.js} of this module, the real socket.io-client on Node.js,
 * against a server that authenticates: every refused token is answered CONNECT_ERROR {@code
 * unauthorized}, a token for one room is {@code forbidden} elsewhere, a {@code "*"} token joins
 * any room, over WebSocket and over long-polling. Public in this module's test-jar: the example
 * server's and the servlet containers' tests run it against their servers too.
 */
public final class NodeAuthScenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeAuthScenario() {}

  /**
   * @param nodeDir this module's {@code src/test/node}, with {@code node_modules} installed
   * @param goodToken admitted for {@code room} only
   * @param anyToken admitted for every room
   * @param badTokens refused tokens by what they are ("" for no token at all)
   */
  public static void run(Path nodeDir, String serverUrl, String room, String goodToken, String anyToken,
      Map<String, String> badTokens) throws Exception {
    assertTrue(Files.isDirectory(nodeDir.resolve("node_modules/socket.io-client")),
        "run `npm ci --prefix signaling-transport-socketio/src/test/node` first");
    ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-timeout=30000", "--test-reporter=spec",
        "auth.test.js")
        .directory(nodeDir.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = node.environment();
    env.put("SERVER_URL", serverUrl);
    env.put("ROOM", room);
    env.put("GOOD_TOKEN", goodToken);
    env.put("ANY_TOKEN", anyToken);
    env.put("BAD_TOKENS", JSON.writeValueAsString(badTokens));
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
    assertEquals(0, process.exitValue(), "node --test auth.test.js failed:\n" + output);
    // Every case ran, on both transports: one line per refused token, two scenarios, per transport.
    for (String transport : new String[] {"websocket", "polling"}) {
      for (String what : badTokens.keySet()) {
        assertTrue(output.contains("over " + transport + ": " + what + " is refused"), output);
      }
      assertTrue(output.contains("over " + transport + ": a token for one room joins it"), output);
    }
  }

  /** This module's Node test directory, seen from a sibling module's directory. */
  public static Path nodeDirFromSibling() throws IOException {
    return Path.of("..", "signaling-transport-socketio", "src", "test", "node").toRealPath();
  }
}
