package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO connection state recovery with the real socket.io-client 4.8 on Node.js
 * (src/test/node/recovery.test.js), on the transport the run asks for ({@link TransportKits}): a
 * dropped transport comes back with the same socket id, room and the missed events ({@code
 * socket.recovered === true}); and 5,000 events through a proxy that resets the connection about
 * every 100 events arrive exactly once, in order ({@link RecoveringServer}).
 */
class SocketIoRecoveryIT {
  private static final Path NODE_TESTS = Path.of(System.getProperty("socketio.node.tests", "src/test/node"));
  /** Server → client bytes of about 100 of the test's events (~80 bytes each). */
  private static final long BYTES_PER_100_EVENTS = 8_000;

  @Test
  void theRealSocketIoClientRecoversDroppedConnections() throws Exception {
    try (RecoveringServer served = new RecoveringServer(BYTES_PER_100_EVENTS, 7)) {
      String output = NodeTestRun.run(NODE_TESTS,
          Map.of("SERVER_URL", served.server.url(), "PROXY_URL", served.proxyUrl()),
          "recovery.test.js");
      System.out.println("proxy cuts: " + served.proxy.cuts());
      assertTrue(output.contains("recovery under cuts"), output);
      assertTrue(served.proxy.cuts() >= 20, "the proxy cut the connection many times: " + served.proxy.cuts());
    }
  }
}
