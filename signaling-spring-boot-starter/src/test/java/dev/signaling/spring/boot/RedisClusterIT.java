package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.cluster.redis.RedisRoomBackend;
import dev.signaling.cluster.redis.RedisServerProcess;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.examples.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code signaling.redis.uri} makes two instances of one application share rooms through a real
 * redis-server (started by the test on a free loopback port): a peer on each pairs up.
 */
class RedisClusterIT {

  @Test
  void twoApplicationsSharingARedisPairPeersAcrossThem() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        ConfigurableApplicationContext a = node(redis, "node-a");
        ConfigurableApplicationContext b = node(redis, "node-b")) {
      assertInstanceOf(RedisRoomBackend.class, a.getBean(RoomBackend.class));
      assertEquals("node-a", ((RedisRoomBackend) a.getBean(RoomBackend.class)).config().nodeId());
      try (TestClient alice = TestClient.connect(Servers.ws(port(a), "/signaling"));
          TestClient bob = TestClient.connect(Servers.ws(port(b), "/signaling"))) {
        alice.emit("create or join", "across");
        alice.expect("created");
        bob.emit("create or join", "across");
        String bobId = bob.expect("joined").get(1).asText();
        bob.expect("ready");
        assertEquals(bobId, alice.expect("join").get(1).asText());
        alice.expect("ready");
        bob.emit("message", "over redis");
        JsonNode relayed = alice.expect("message");
        assertEquals("over redis", relayed.get(0).asText());
        assertEquals(bobId, relayed.get(1).asText());
      }
    }
  }

  private static ConfigurableApplicationContext node(RedisServerProcess redis, String nodeId) {
    return new SpringApplicationBuilder(EchoApplication.class)
        .properties("server.port=0", "server.address=127.0.0.1",
            "signaling.redis.uri=" + redis.uri(), "signaling.redis.node-id=" + nodeId)
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
