package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO connection state recovery with the real socket.io-client 4.8 on Node.js
 * (src/test/node/recovery.test.js), on the transport the run asks for ({@link TransportKits}): a
 * dropped transport comes back with the same socket id, room and the missed events ({@code
 * socket.recovered === true}); and 5,000 events through a proxy that resets the connection about
 * every 100 events arrive exactly once, in order.
 */
class SocketIoRecoveryIT {
  private static final Path NODE_TESTS = Path.of(System.getProperty("socketio.node.tests", "src/test/node"));
  /** Server → client bytes of about 100 of the test's events (~80 bytes each). */
  private static final long BYTES_PER_100_EVENTS = 8_000;

  @Test
  void theRealSocketIoClientRecoversDroppedConnections() throws Exception {
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT)
            .rateLimit(RateLimit.UNLIMITED) // the streams here run faster than the default 50 events/s
            .build())
        .build();
    SocketIoServer socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
        .signaling(engine, true)
        .build();
    try (TransportKit.Served server = TransportKits.current().serve(new TransportKit.Mounts().socketIo(socketIo));
        FaultyProxy proxy = new FaultyProxy(server.port(), BYTES_PER_100_EVENTS, 7)) {
      String output = NodeTestRun.run(NODE_TESTS,
          Map.of("SERVER_URL", server.url(), "PROXY_URL", "http://127.0.0.1:" + proxy.port()),
          "recovery.test.js");
      System.out.println("proxy cuts: " + proxy.cuts());
      assertTrue(output.contains("recovery under cuts"), output);
      assertTrue(proxy.cuts() >= 20, "the proxy cut the connection many times: " + proxy.cuts());
    } finally {
      socketIo.close();
      engine.close();
    }
  }
}
