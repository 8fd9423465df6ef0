package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The codelab's scenario over the native protocol, the same assertions wherever the engine is
 * deployed: the example server (CodelabScenarioIT), a servlet container
 * (signaling-container-tests), a Spring Boot application (signaling-spring-boot-starter).
 */
public final class CodelabScenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CodelabScenario() {}

  /**
   * Four clients at {@code endpoint}: alice creates {@code room} and bob joins it (each hears
   * {@code ready}), carol is told it is {@code full}, a stranger creates another room; an offer
   * and a string reach the partner with the sender's id and nobody else (no echo, nothing for
   * carol or the stranger); bob's {@code bye} reaches alice. The demo's {@code log} lines are
   * skipped.
   */
  public static void twoPeersPairTheThirdIsFullAndMessagesStayInTheRoom(URI endpoint, String room)
      throws InterruptedException {
    try (TestClient alice = TestClient.connect(endpoint);
        TestClient bob = TestClient.connect(endpoint);
        TestClient carol = TestClient.connect(endpoint);
        TestClient stranger = TestClient.connect(endpoint)) {
      alice.emit("create or join", room);
      JsonNode created = expect(alice, "created");
      assertEquals(room, created.get(0).asText());
      String aliceId = created.get(1).asText();
      assertTrue(aliceId.length() >= 22, "peer ids carry at least 128 bits: " + aliceId);

      bob.emit("create or join", room);
      JsonNode join = expect(alice, "join");
      String bobId = join.get(1).asText();
      assertNotEquals(aliceId, bobId);
      assertEquals(array(room), expect(alice, "ready"));
      assertEquals(array(room, bobId), expect(bob, "joined"));
      assertEquals(array(room), expect(bob, "ready"));

      carol.emit("create or join", room);
      assertEquals(array(room), expect(carol, "full"));
      stranger.emit("create or join", room + "-elsewhere");
      expect(stranger, "created");

      JsonNode offer = JSON.createObjectNode().put("type", "offer").put("sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n");
      alice.emit("message", offer);
      assertEquals(JSON.createArrayNode().add(offer).add(aliceId), bob.expect("message"));
      bob.emit("message", "got user media");
      assertEquals(array("got user media", bobId), alice.expect("message"));

      assertEquals(List.of(), carol.drain(Duration.ofMillis(300)), "the refused peer hears nothing");
      assertEquals(List.of(), stranger.drain(Duration.ofMillis(100)), "another room hears nothing");
      assertEquals(List.of(), alice.drain(Duration.ofMillis(100)), "no echo to the sender");

      bob.emit("bye", room);
      assertEquals(array(room, bobId), alice.expect("bye"));
    }
  }

  /** The next event that is not a {@code log} line, which must be {@code event}; returns its args. */
  private static JsonNode expect(TestClient client, String event) throws InterruptedException {
    JsonNode frame = client.nextSkippingLogs();
    assertEquals(event, frame.path("event").asText(), frame.toString());
    return frame.get("args");
  }

  private static JsonNode array(String... values) {
    ArrayNode array = JSON.createArrayNode();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }
}
