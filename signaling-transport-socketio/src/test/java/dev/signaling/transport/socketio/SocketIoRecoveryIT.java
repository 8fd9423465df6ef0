package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO connection state recovery with the real socket.io-client 4.8 on Node.js
 * (src/test/node/recovery.test.js): a dropped transport comes back with the same socket id, room
 * and the missed events ({@code socket.recovered === true}); and 5,000 events through a proxy
 * that cuts the connection about every 100 events arrive exactly once, in order.
 */
class SocketIoRecoveryIT {
  private static final Path NODE_TESTS = Path.of("src/test/node");
  /** Server → client bytes of about 100 of the test's events (~80 bytes each). */
  private static final long BYTES_PER_100_EVENTS = 8_000;

  @Test
  void theRealSocketIoClientRecoversDroppedConnections() throws Exception {
    assertTrue(Files.isDirectory(NODE_TESTS.resolve("node_modules/socket.io-client")),
        "run `npm ci --prefix signaling-transport-socketio/src/test/node` first");
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build())
        .build();
    SocketIoServer socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.anyOrigin()).build())
        .signaling(engine, true)
        .build();
    try (TestServer server = TestServer.builder().socketIo(socketIo).start(0);
        FaultyProxy proxy = new FaultyProxy(server.port(), BYTES_PER_100_EVENTS, 7)) {
      ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-timeout=90000", "--test-reporter=spec",
          "recovery.test.js")
          .directory(NODE_TESTS.toFile())
          .redirectErrorStream(true);
      node.environment().put("SERVER_URL", server.url());
      node.environment().put("PROXY_URL", "http://127.0.0.1:" + proxy.port());
      Process process = node.start();
      String output;
      boolean finished;
      try {
        finished = process.waitFor(120, TimeUnit.SECONDS);
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      System.out.println(output + "\nproxy cuts: " + proxy.cuts());
      assertTrue(finished, "node --test did not finish within 120 s:\n" + output);
      assertEquals(0, process.exitValue(), "node --test failed:\n" + output);
      assertTrue(output.contains("recovery under cuts"), output);
    } finally {
      socketIo.close();
      engine.close();
    }
  }
}
