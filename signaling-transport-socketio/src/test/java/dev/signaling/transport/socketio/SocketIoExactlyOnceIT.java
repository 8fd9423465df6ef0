package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signaling.core.FaultyProxy;
import dev.signaling.core.ResumeOutcome;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.limits.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exactly-once client → server on Socket.IO: an event numbered with a trailing {@code {"seq": n}}
 * is processed once and acknowledged every time it comes (the wire, below); and two real
 * socket.io-client 4.8 peers (Node, src/test/node/exactly-once.test.js), both behind a {@link
 * FaultyProxy} that resets their connections about every 100 messages, exchange 5,000 messages
 * each way over WebSocket (1,000 over long-polling) with none lost, repeated or reordered, every
 * reconnect recovered. On the transport the run asks for ({@link TransportKits}).
 */
class SocketIoExactlyOnceIT {
  private static final Path NODE_TESTS = Path.of(System.getProperty("socketio.node.tests", "src/test/node"));
  private static final Pattern REPORT = Pattern.compile("exactly-once under cuts: (\\{.*\\})");
  /**
   * Each run's time for its messages: about 12 s over WebSocket and 10-20 s over polling on two
   * cores; 44 s seen over polling at load 19. Generous, so that only a stall fails.
   */
  private static final Duration NODE_TIME_LIMIT = Duration.ofSeconds(120);
  /** For the wire tests: recovery on, an {@code echo} event that acknowledges its arguments. */
  private static SignalingEngine wireEngine;
  private static SocketIoServer wireSocketIo;
  private static TransportKit.Served wireServer;

  @BeforeAll
  static void start() throws Exception {
    wireEngine = SignalingEngine.builder()
        .config(SignalingConfig.builder().resume(ResumePolicy.DEFAULT).build())
        .on("echo", (peer, args, ack) -> ack.reply(args))
        .build();
    // The default heartbeat (25 s): two raw sockets read in turn must not miss a ping deadline.
    wireSocketIo = SocketIoServer.builder().signaling(wireEngine, true).build();
    wireServer = TransportKits.current().serve(new TransportKit.Mounts().socketIo(wireSocketIo));
  }

  @AfterAll
  static void stop() {
    wireServer.close();
    wireSocketIo.close();
    wireEngine.close();
  }

  /** A raw WebSocket connected to the main namespace, as socket.io-client connects. */
  private static RawWebSocket connectRaw() throws InterruptedException {
    RawWebSocket ws = RawWebSocket.open("ws://127.0.0.1:" + wireServer.port() + "/socket.io/?EIO=4&transport=websocket");
    assertTrue(ws.nextText().startsWith("0{"), "Engine.IO open");
    ws.send("40");
    assertTrue(ws.nextText().startsWith("40{\"sid\":"), "CONNECT answer");
    return ws;
  }

  @Test
  void aRepeatedNumberedMessageIsRelayedOnceAndAcknowledgedEachTime() throws Exception {
    try (RawWebSocket alice = connectRaw(); RawWebSocket bob = connectRaw()) {
      alice.send("421[\"create or join\",\"seq-room\",{\"seq\":1}]");
      assertTrue(alice.nextText().startsWith("42[\"created\",\"seq-room\","));
      assertEquals("431[null]", alice.nextText(), "a codelab event asking for an ack gets one, once handed over");
      bob.send("42[\"create or join\",\"seq-room\"]");
      alice.nextText(); // join
      alice.nextText(); // ready
      bob.nextText(); // joined
      bob.nextText(); // ready

      alice.send("422[\"message\",{\"n\":1},{\"seq\":2}]");
      alice.send("423[\"message\",{\"n\":1},{\"seq\":2}]"); // a retry after a lost ack: a new ack id
      alice.send("424[\"message\",{\"n\":2},null,{\"seq\":3}]"); // with the optional target
      assertEquals("432[null]", alice.nextText());
      assertEquals("433[null]", alice.nextText(), "the repeat is acknowledged too");
      assertEquals("434[null]", alice.nextText());
      assertTrue(bob.nextText().startsWith("42[\"message\",{\"n\":1},\""), "the number is not relayed");
      assertTrue(bob.nextText().startsWith("42[\"message\",{\"n\":2},\""), "the repeat was not relayed");

      alice.send("42[\"message\",{\"n\":3},{\"seq\":4}]"); // no ack asked: none sent
      alice.send("42[\"message\",{\"n\":4}]"); // unnumbered: always processed
      alice.send("42[\"message\",{\"seq\":9}]"); // a payload alone is never read as a number
      assertTrue(bob.nextText().startsWith("42[\"message\",{\"n\":3},\""));
      assertTrue(bob.nextText().startsWith("42[\"message\",{\"n\":4},\""));
      assertTrue(bob.nextText().startsWith("42[\"message\",{\"seq\":9},\""));
      alice.send("425[\"echo\",\"end\"]");
      assertEquals("435[\"end\"]", alice.nextText(), "the next frame alice gets: no ack for the unasked ones");
    }
  }

  @Test
  void aRepeatedApplicationEventRunsItsHandlerOnceAndGetsTheFirstAnswerAgain() throws Exception {
    try (RawWebSocket ws = connectRaw()) {
      ws.send("421[\"echo\",\"first\",{\"seq\":1}]");
      assertEquals("431[\"first\"]", ws.nextText(), "the handler does not see the number");
      ws.send("422[\"echo\",\"changed\",{\"seq\":1}]");
      assertEquals("432[\"first\"]", ws.nextText(), "a repeat is answered with the first answer; its handler did not run");
      ws.send("423[\"echo\",\"second\",{\"seq\":2}]");
      assertEquals("433[\"second\"]", ws.nextText());
      ws.send("424[\"echo\",{\"seq\":1}]");
      assertEquals("434[null]", ws.nextText(), "a repeat of an older event: acknowledged, nothing to say");
      ws.send("425[\"echo\",{\"seq\":0}]");
      assertEquals("435[{\"seq\":0}]", ws.nextText(), "not a number (0): an argument like any other");
    }
  }

  /**
   * Over WebSocket each client has one connection at a time, cut after about 100 messages each
   * way went through it. socket.io-client's long-polling in Node opens a connection per request
   * (no keep-alive), so there the proxy counts the bytes of all connections together and cuts
   * the one carrying the byte where about 200 messages' worth (100 each way) ran out; polling
   * sends one event per two requests at best, so it exchanges 1,000 messages each way rather
   * than 5,000, to keep the wall time down.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // transport, messages each way, proxy budget: bytes (both ways) between cuts, shared by all connections
      "websocket, 5000, 13000, false",
      "polling,   1000, 100000, true",
  })
  void twoRealSocketIoClientsExchangeMessagesBothWaysThroughCutsExactlyOnceInOrder(String transport, int messages,
      long bytesBetweenCuts, boolean acrossConnections) throws Exception {
    try (RecoveringServer served = new RecoveringServer(acrossConnections ? 0 : bytesBetweenCuts, 17)) {
      SignalingEngine engine = served.engine;
      FaultyProxy proxy = served.proxy;
      if (acrossConnections) {
        proxy.cutEveryAcrossConnections(bytesBetweenCuts, 17);
      }
      try {
        runNodePeers(served, transport, messages);
      } finally {
        // Also when the run failed: how each reconnect ended on the server (in-use: the old
        // transport was still attached; unknown: the session had ended).
        System.out.println("SocketIoExactlyOnceIT " + TransportKits.current().name() + "/" + transport
            + ": proxy cuts=" + proxy.cuts() + " connections=" + proxy.connections()
            + " server resume outcomes=" + engine.resumeOutcomes());
      }
    }
  }

  private static void runNodePeers(RecoveringServer served, String transport, int messages) throws Exception {
    SignalingEngine engine = served.engine;
    FaultyProxy proxy = served.proxy;
    String output = NodeTestRun.run(NODE_TESTS,
        Map.of("PROXY_URL", served.proxyUrl(), "TRANSPORT", transport,
            "MESSAGES", Integer.toString(messages), "TIME_LIMIT_MS", Long.toString(NODE_TIME_LIMIT.toMillis())),
        NODE_TIME_LIMIT.plusSeconds(15),
        "exactly-once.test.js");
    Matcher line = REPORT.matcher(output);
    assertTrue(line.find(), output);
    JsonNode report = new ObjectMapper().readTree(line.group(1));
    long resumed = engine.resumeOutcomes().get(ResumeOutcome.RESUMED);
    System.out.println("SocketIoExactlyOnceIT " + TransportKits.current().name() + "/" + transport + " clients: " + report);
    for (String direction : new String[] {"aliceToBob", "bobToAlice"}) {
      assertEquals(messages, report.get(direction).get("received").asInt(), direction + ": " + report);
      assertEquals(0, report.get(direction).get("lost").asInt(), direction + ": " + report);
      assertEquals(0, report.get(direction).get("duplicated").asInt(), direction + ": " + report);
      assertEquals(0, report.get(direction).get("reordered").asInt(), direction + ": " + report);
    }
    assertEquals(0, report.get("notRecovered").asInt(), "every reconnect recovered: " + report);
    // About one cut per 100 messages (each way counted): at least half of that.
    int fewestCuts = 2 * messages / 100 / 2;
    assertTrue(proxy.cuts() >= fewestCuts, "the proxy cut the connections many times: " + proxy.cuts());
    assertTrue(report.get("recovered").asInt() >= fewestCuts, "the clients recovered many times: " + report);
    assertTrue(resumed >= fewestCuts, "the server resumed many sessions: " + engine.resumeOutcomes());
    // Without the numbers, some of these re-sent events arrive twice (18 of 77 in one run).
    assertTrue(report.get("resent").asInt() > 0, "the clients re-sent events after cuts: " + report);
  }
}
