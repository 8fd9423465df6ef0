package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
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
    try (SignalingFixture fixture = new SignalingFixture()) {
      String output = NodeTestRun.run(NODE_TESTS, Map.of("SERVER_URL", fixture.httpUrl()),
          "codelab.test.js", "own-client.test.js");
      assertTrue(output.contains("codelab scenario over polling then websocket"), output);
      assertTrue(output.contains("our own client script"), output);
    }
  }
}
