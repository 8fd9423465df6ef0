package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.cluster.redis.RedisServerProcess;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Two example servers started with {@code --redis}, one redis-server: peers on both pair. */
class ClusterServersIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void peersOnTwoServersSharingOneRedisPairAndRelayOverWebSockets() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        ExampleServer one = DemoServers.start("--quiet-clients", "--redis", redis.uri(), "--node-id", "one");
        ExampleServer two = DemoServers.start("--quiet-clients", "--redis", redis.uri(), "--node-id", "two");
        TestClient alice = TestClient.connect(signaling(one));
        TestClient bob = TestClient.connect(signaling(two));
        TestClient carol = TestClient.connect(signaling(one))) {
      alice.emit("create or join", "foo");
      String aliceId = alice.expect("created").get(1).asText();
      bob.emit("create or join", "foo");
      String bobId = bob.expect("joined").get(1).asText();
      assertEquals(JSON.readTree("[\"foo\"]"), bob.expect("ready"));
      assertEquals(JSON.readTree("[\"foo\",\"" + bobId + "\"]"), alice.expect("join"));
      assertEquals(JSON.readTree("[\"foo\"]"), alice.expect("ready"));

      JsonNode offer = JSON.readTree("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
      alice.emit("message", offer);
      assertEquals(JSON.createArrayNode().add(offer).add(aliceId), bob.expect("message"));
      bob.emit("message", "got user media");
      assertEquals(JSON.createArrayNode().add("got user media").add(bobId), alice.expect("message"));

      carol.emit("create or join", "foo");
      assertEquals(JSON.readTree("[\"foo\"]"), carol.expect("full"));
    }
  }

  private static URI signaling(ExampleServer server) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }
}
