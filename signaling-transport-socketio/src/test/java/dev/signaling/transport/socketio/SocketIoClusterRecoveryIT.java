package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.cluster.redis.RedisBackendConfig;
import dev.signaling.cluster.redis.RedisRoomBackend;
import dev.signaling.cluster.redis.RedisServerProcess;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO connection state recovery in a cluster without sticky sessions, with the real
 * socket.io-client 4.8 on Node.js (src/test/node/cluster-recovery.test.js): two nodes sharing a
 * real redis-server, a round-robin TCP balancer in front; a client whose transport drops comes
 * back through the balancer to the other node with its {@code pid}, is not recovered there, and
 * starts over cleanly: its old session on the first node was ended first (its partner got {@code
 * bye}), so its {@code create or join} is answered {@code joined}, not {@code full}.
 */
class SocketIoClusterRecoveryIT {
  private static final Path NODE_TESTS = Path.of(System.getProperty("socketio.node.tests", "src/test/node"));

  @Test
  void theRealSocketIoClientLandingOnAnotherNodeStartsOverWithItsPlaceInTheRoomFree() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      List<AutoCloseable> opened = new ArrayList<>(); // closed in reverse, before redis-server stops
      try {
        String[] urls = new String[2];
        for (int node = 0; node < 2; node++) {
          RedisRoomBackend backend = RedisRoomBackend.connect(RedisBackendConfig.builder(redis.uri())
              .keyPrefix("sio-recovery:").nodeId("node" + node).build());
          SignalingEngine engine = SignalingEngine.builder()
              .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build())
              .backend(backend)
              .build();
          opened.add(engine);
          SocketIoServer socketIo = SocketIoServer.builder()
              .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
              .signaling(engine, true)
              .build();
          opened.add(socketIo::close);
          TransportKit.Served served = TransportKits.current().serve(new TransportKit.Mounts().socketIo(socketIo));
          opened.add(served);
          urls[node] = served.url();
        }
        String output = NodeTestRun.run(NODE_TESTS, Map.of("NODE_A_URL", urls[0], "NODE_B_URL", urls[1]),
            "cluster-recovery.test.js");
        assertTrue(output.contains("started over on node B"), output);
      } finally {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
          closeable.close();
        }
      }
    }
  }
}
