package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.signaling.core.CloseReason;
import dev.signaling.core.SignalingEngine;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frames the selector thread holds back to send together (WriteCoalescingFilter) keep their
 * order, also when another thread writes to the same connection meanwhile, and a close sent right
 * after them does not overtake them.
 */
class CoalescedWritesIT {
  private static final int BURST = 200;
  private final ExecutorService other = Executors.newSingleThreadExecutor();
  private ExampleServer server;
  private URI signaling;

  @BeforeEach
  void start() throws Exception {
    SignalingEngine engine = SignalingEngine.builder()
        // On the selector thread: a burst of numbered events, while another thread sends its own.
        .on("burst", (peer, args, ack) -> {
          other.execute(() -> {
            for (int i = 0; i < BURST; i++) {
              peer.emit("other", List.of(IntNode.valueOf(i)));
            }
          });
          for (int i = 0; i < BURST; i++) {
            peer.emit("selector", List.of(IntNode.valueOf(i)));
          }
        })
        // Frames, then a close, from the selector thread in one round.
        .on("goodbye", (peer, args, ack) -> {
          for (int i = 0; i < 3; i++) {
            peer.emit("last", List.of(IntNode.valueOf(i)));
          }
          peer.close(CloseReason.POLICY_VIOLATION, "done");
        })
        .build();
    server = ExampleServer.builder().port(0).engine(engine).build().start();
    signaling = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    other.shutdown();
    other.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void eachThreadsFramesArriveCompleteAndInOrder() throws Exception {
    try (TestClient client = TestClient.connect(signaling)) {
      for (int round = 0; round < 20; round++) {
        client.emit("burst");
        List<Integer> selector = new ArrayList<>();
        List<Integer> fromOther = new ArrayList<>();
        while (selector.size() + fromOther.size() < 2 * BURST) {
          JsonNode frame = client.next();
          int n = frame.get("args").get(0).asInt();
          switch (frame.get("event").asText()) {
            case "selector" -> selector.add(n);
            case "other" -> fromOther.add(n);
            default -> throw new AssertionError("unexpected " + frame);
          }
        }
        assertEquals(sequence(BURST), selector, "round " + round);
        assertEquals(sequence(BURST), fromOther, "round " + round);
      }
      assertEquals(List.of(), client.drain(Duration.ofMillis(200)));
    }
  }

  @Test
  void aCloseRightAfterHeldFramesComesAfterThem() throws Exception {
    try (TestClient client = TestClient.connect(signaling)) {
      client.emit("goodbye", TextNode.valueOf("now"));
      for (int i = 0; i < 3; i++) {
        JsonNode frame = client.next();
        assertEquals("last", frame.get("event").asText());
        assertEquals(i, frame.get("args").get(0).asInt());
      }
      assertEquals(CloseReason.POLICY_VIOLATION.code(), client.awaitClose());
    }
  }

  private static List<Integer> sequence(int n) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(i);
    }
    return values;
  }
}
