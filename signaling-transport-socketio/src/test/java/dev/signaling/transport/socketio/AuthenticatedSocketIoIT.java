package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.Authenticator;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine's authenticator on Socket.IO (Grizzly/Tyrus): the credential is the CONNECT
 * payload's {@code token}, a refusal is CONNECT_ERROR {@code unauthorized}, on WebSocket and on
 * long-polling, with the real socket.io-client; a slow authenticator holds back only its own
 * connection. The authenticator is a custom one, in a few lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatedSocketIoIT {
  private final List<Handshake> seen = new CopyOnWriteArrayList<>();
  private SignalingEngine engine;
  private SocketIoServer socketIo;
  private TransportKit.Served server;

  @BeforeAll
  void start() throws Exception {
    Authenticator tokens = handshake -> {
      seen.add(handshake);
      String token = handshake.credential().orElse("");
      return switch (token) {
        case "good" -> CompletableFuture.completedStage(Identity.builder("alice").rooms(Set.of("a")).build());
        case "any" -> CompletableFuture.completedStage(Identity.builder("ops").rooms(Set.of("*")).build());
        case "slow" -> CompletableFuture.supplyAsync(() -> Identity.builder("slowpoke").build(),
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        default -> Authenticator.refuse("unknown token");
      };
    };
    engine = SignalingEngine.builder().authenticator(tokens).build();
    socketIo = SocketIoServer.builder()
        .config(SocketIoConfig.builder().originPolicy(OriginPolicy.allowing(Set.of("http://app.example"))).build())
        .signaling(engine)
        .build();
    server = TransportKits.current().serve(new TransportKit.Mounts().socketIo(socketIo));
  }

  @AfterAll
  void stop() {
    server.close();
    socketIo.close();
    engine.close();
  }

  @Test
  void theRealSocketIoClientIsRefusedOrAdmittedAsItsTokenSaysOnBothTransports() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("no token", "");
    bad.put("an unknown token", "nope");
    NodeAuthScenario.run(Path.of(System.getProperty("socketio.node.tests", "src/test/node")), server.url(), "a", "good", "any", bad);
  }

  @Test
  void theRefusalCarriesTheCodeAndTheSessionStaysUsable() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket")) {
      assertTrue(ws.next().text().startsWith("0{"));
      ws.send("40{\"token\":\"nope\"}");
      assertEquals("44{\"message\":\"unauthorized\",\"data\":{\"code\":\"unauthorized\",\"message\":\"unknown token\"}}",
          ws.nextText());
      // The Engine.IO session stays open: the client may CONNECT again with a better token.
      ws.send("40{\"token\":\"good\"}");
      assertTrue(ws.nextText().startsWith("40{\"sid\":"));
    }
  }

  @Test
  void aSlowAuthenticatorHoldsBackOnlyItsOwnConnection() throws Exception {
    String url = "ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket";
    try (RawWebSocket slow = RawWebSocket.open(url); RawWebSocket fast = RawWebSocket.open(url)) {
      assertTrue(slow.next().text().startsWith("0{"));
      assertTrue(fast.next().text().startsWith("0{"));
      long start = System.nanoTime();
      slow.send("40{\"token\":\"slow\"}");
      fast.send("40{\"token\":\"any\"}");
      assertTrue(fast.nextText().startsWith("40{\"sid\":"));
      fast.send("42[\"create or join\",\"fast-room\"]");
      assertTrue(fast.nextText().startsWith("42[\"created\",\"fast-room\""));
      long fastDone = System.nanoTime() - start;
      assertTrue(slow.nextText().startsWith("40{\"sid\":"), "the slow one is admitted after its 200 ms");
      long slowDone = System.nanoTime() - start;
      assertTrue(fastDone < TimeUnit.MILLISECONDS.toNanos(200),
          "the fast connection was served in " + TimeUnit.NANOSECONDS.toMillis(fastDone) + " ms, not after the slow one");
      assertTrue(slowDone >= TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  @Test
  void theHandshakeCarriesTheRemoteAddressAndNeverTheTokenInItsText() throws Exception {
    seen.clear();
    try (RawWebSocket ws = RawWebSocket.open("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket",
        "http://app.example")) {
      assertTrue(ws.next().text().startsWith("0{"));
      ws.send("40{\"token\":\"good\"}");
      assertTrue(ws.nextText().startsWith("40{\"sid\":"));
    }
    Handshake handshake = seen.get(0);
    assertEquals("127.0.0.1", handshake.remoteHost().orElseThrow());
    assertEquals("http://app.example", handshake.origin().orElseThrow());
    assertEquals("/socket.io/", handshake.path());
    assertEquals("websocket", handshake.queryParameter("transport").orElseThrow());
    assertFalse(handshake.toString().contains("good"), handshake.toString());
  }
}
