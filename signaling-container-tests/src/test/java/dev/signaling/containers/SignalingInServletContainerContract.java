package dev.signaling.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.examples.CodelabScenario;
import dev.signaling.examples.SilentClient;
import dev.signaling.examples.TestClient;
import dev.signaling.examples.embedding.SignalingContextListener;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The transport inside a real servlet container, deployed the way the README tells users to:
 * the README's {@link SignalingContextListener} at {@code /signaling}, and beside it the same
 * listener with other settings where a behaviour needs them. One container per subclass, started
 * once; each test uses its own rooms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SignalingInServletContainerContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD_ORIGIN = "https://good.example";

  private EmbeddedContainer container;
  private int port;

  /** A new, not yet started container. */
  abstract EmbeddedContainer newContainer();

  @BeforeAll
  void startContainer() throws Exception {
    container = newContainer();
    port = container.start(List.of(
        new SignalingContextListener(),
        new ConfiguredSignalingListener(SignalingConfig.builder().roomCapacity(4).build(),
            WebSocketOptions.builder().path("/wide").build()),
        new ConfiguredSignalingListener(SignalingConfig.builder().build(),
            WebSocketOptions.builder().path("/strict").originPolicy(WebSocketOptions.allowOrigins(Set.of(GOOD_ORIGIN))).build()),
        new ConfiguredSignalingListener(SignalingConfig.builder().build(),
            WebSocketOptions.builder().path("/heartbeat")
                .pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofMillis(700)).build())));
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.close();
    }
  }

  private URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  @Test
  void twoPeersPairTheThirdIsToldTheRoomIsFullAndMessagesReachOnlyTheRoomPeer() throws Exception {
    CodelabScenario.twoPeersPairTheThirdIsFullAndMessagesStayInTheRoom(uri("/signaling"), "codelab");
  }

  @Test
  void aClosedConnectionSendsByeAndFreesTheSlotForANewPeer() throws Exception {
    URI signaling = uri("/signaling");
    try (TestClient alice = TestClient.connect(signaling); TestClient dave = TestClient.connect(signaling)) {
      TestClient bob = TestClient.connect(signaling);
      alice.emit("create or join", "leaving");
      alice.expect("created");
      bob.emit("create or join", "leaving");
      String bobId = bob.expect("joined").get(1).asText();
      alice.expect("join");
      alice.expect("ready");

      bob.close();

      assertEquals(JSON.readTree("[\"leaving\",\"" + bobId + "\"]"), alice.expect("bye"));
      dave.emit("create or join", "leaving");
      dave.expect("joined");
      dave.expect("ready");
      alice.expect("join");
    }
  }

  /**
   * Relays from several senders run on their connections' threads at once and all go out on
   * the receiver's one connection: a container that refuses overlapping async sends (Tomcat)
   * loses messages or the connection unless the transport sends one at a time.
   */
  @Test
  void concurrentRelaysIntoOneConnectionAllArriveInEachSendersOrder() throws Exception {
    int senders = 3;
    int perSender = 190; // as fast as it can, within the default rate limit's burst (200 with the join)
    URI wide = uri("/wide");
    List<TestClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try (TestClient receiver = TestClient.connect(wide)) {
      receiver.emit("create or join", "burst");
      String receiverId = receiver.expect("created").get(1).asText();
      List<String> senderIds = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        TestClient sender = TestClient.connect(wide);
        clients.add(sender);
        sender.emit("create or join", "burst");
        senderIds.add(sender.expect("joined").get(1).asText());
      }
      // Each join told the receiver "join" then "ready".
      for (int s = 0; s < senders; s++) {
        receiver.expect("join");
        receiver.expect("ready");
      }

      List<Future<?>> sending = new ArrayList<>();
      for (TestClient sender : clients) {
        sending.add(pool.submit(() -> {
          for (int n = 0; n < perSender; n++) {
            sender.emit("message", JSON.createObjectNode().put("n", n), receiverId);
          }
          return null;
        }));
      }
      for (Future<?> f : sending) {
        f.get(30, TimeUnit.SECONDS);
      }

      Map<String, Integer> nextExpected = new HashMap<>();
      for (int i = 0; i < senders * perSender; i++) {
        JsonNode args = receiver.expect("message");
        String from = args.get(1).asText();
        int n = args.get(0).get("n").asInt();
        int expected = nextExpected.getOrDefault(from, 0);
        assertEquals(expected, n, "message " + i + " from " + from + " out of order");
        nextExpected.put(from, expected + 1);
      }
      assertEquals(Map.of(senderIds.get(0), perSender, senderIds.get(1), perSender, senderIds.get(2), perSender),
          nextExpected);
      assertFalse(receiver.isClosed(), "the receiver's connection survived the burst");
    } finally {
      pool.shutdownNow();
      clients.forEach(TestClient::close);
    }
  }

  @Test
  void textUpToTheDefault64KiBIsReadAndLargerClosesWith1009SparingOthers() throws Exception {
    URI signaling = uri("/signaling");
    try (TestClient bystander = TestClient.connect(signaling); TestClient client = TestClient.connect(signaling)) {
      bystander.emit("create or join", "bystander");
      bystander.expect("created");

      client.emit("message", "x".repeat(60_000));
      assertEquals("not-in-room", client.expect("error").get(0).get("code").asText(), "60 KB is read");
      client.emit("message", "x".repeat(70_000));
      assertEquals(1009, client.awaitClose(), () -> "ended without a close frame: " + client.error());

      bystander.emit("bye", "bystander");
      bystander.emit("create or join", "bystander");
      assertEquals("created", bystander.next().get("event").asText(), "others unharmed");
    }
  }

  @Test
  void binaryFrameClosesWith1003() throws Exception {
    try (TestClient client = TestClient.connect(uri("/signaling"))) {
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, client.awaitClose(), () -> "ended without a close frame: " + client.error());
    }
  }

  @Test
  void handshakeFromADisallowedOrMissingOriginIsRefusedWith403() throws Exception {
    URI strict = uri("/strict");
    try (TestClient good = TestClient.connect(strict, GOOD_ORIGIN)) {
      good.emit("create or join", "strict");
      good.expect("created");
    }
    assertEquals(403, refusedHandshakeStatus(() -> TestClient.connect(strict, "https://evil.example")));
    assertEquals(403, refusedHandshakeStatus(() -> TestClient.connect(strict)));
  }

  private static int refusedHandshakeStatus(Runnable connect) {
    CompletionException refused = assertThrows(CompletionException.class, connect::run);
    WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    return handshake.getResponse().statusCode();
  }

  @Test
  void aClientThatAnswersPingsOutlivesTheIdleTimeout() throws Exception {
    try (TestClient client = TestClient.connect(uri("/heartbeat"))) {
      // Silent for twice the idle timeout: only the pongs the JDK client sends keep it open.
      assertEquals(List.of(), client.drain(Duration.ofMillis(1400)));
      assertFalse(client.isClosed(), "pongs keep the connection alive");
      client.emit("create or join", "still-here");
      client.expect("created");
    }
  }

  @Test
  void aClientThatNeverAnswersPingsIsClosedWith1001() throws Exception {
    SilentClient.Outcome outcome = SilentClient.connectAndStaySilent(port, "/heartbeat");
    assertTrue(outcome.handshake().startsWith("HTTP/1.1 101"), outcome.handshake());
    assertTrue(outcome.pinged(), "the server pinged before giving up");
    assertEquals(1001, outcome.closeCode());
  }
}
