package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code peer-disconnected} / {@code peer-reconnected} as the real socket.io-client 4.8 sees
 * them (src/test/node/peer-notices.test.js), on the transport the run asks for: Socket.IO's
 * recovery follows the engine's resume policy, here with a 2 s window so its end can be awaited.
 */
class SocketIoPeerNoticesIT {
  private static final Path NODE_TESTS = Path.of(System.getProperty("socketio.node.tests", "src/test/node"));
  private static final Duration WINDOW = Duration.ofSeconds(2);

  @Test
  void theOthersInTheRoomSeeADroppedPeerGoAndComeBackOrLeave() throws Exception {
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resumeWindow(WINDOW).build())
        .build();
    SocketIoServer socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
        .signaling(engine) // recovery follows the engine
        .build();
    try (TransportKit.Served server = TransportKits.current().serve(new TransportKit.Mounts().socketIo(socketIo))) {
      String output = NodeTestRun.run(NODE_TESTS,
          Map.of("SERVER_URL", server.url(), "WINDOW_MS", Long.toString(WINDOW.toMillis())),
          "peer-notices.test.js");
      assertTrue(output.contains("pass 3"), output);
    } finally {
      socketIo.close();
      engine.close();
    }
  }
}
