package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

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
    String output = NodeTestRun.run(nodeDir, Map.of(
        "SERVER_URL", serverUrl,
        "ROOM", room,
        "GOOD_TOKEN", goodToken,
        "ANY_TOKEN", anyToken,
        "BAD_TOKENS", JSON.writeValueAsString(badTokens)), "auth.test.js");
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
