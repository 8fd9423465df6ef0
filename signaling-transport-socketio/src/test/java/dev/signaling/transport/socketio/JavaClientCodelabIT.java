package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codelab scenario driven by the real Java socket.io client over each transport setup. */
class JavaClientCodelabIT {
  private static SignalingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new SignalingFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static String[] transports(String setup) {
    return switch (setup) {
      case "websocket" -> new String[] {WebSocket.NAME};
      case "polling" -> new String[] {Polling.NAME};
      default -> new String[] {Polling.NAME, WebSocket.NAME};
    };
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling", "polling then websocket"})
  void codelabScenario(String setup) throws Exception {
    String room = "java-" + setup.replace(' ', '-');
    try (JavaClientPeer alice = new JavaClientPeer(fixture.httpUrl(), transports(setup));
         JavaClientPeer bob = new JavaClientPeer(fixture.httpUrl(), transports(setup));
         JavaClientPeer carol = new JavaClientPeer(fixture.httpUrl(), transports(setup))) {
      alice.emit("create or join", room);
      String created = alice.next();
      assertTrue(created.startsWith("created " + room + " "), created);
      String aliceId = created.substring(created.lastIndexOf(' ') + 1);

      bob.emit("create or join", room);
      String joined = bob.next();
      assertTrue(joined.startsWith("joined " + room + " "), joined);
      String bobId = joined.substring(joined.lastIndexOf(' ') + 1);
      assertEquals("ready " + room, bob.next());
      assertEquals("join " + room + " " + bobId, alice.next());
      assertEquals("ready " + room, alice.next());

      carol.emit("create or join", room);
      assertEquals("full " + room, carol.next());

      bob.emit("message", new JSONObject().put("type", "offer").put("sdp", "v=0 bob"));
      assertEquals("message {\"type\":\"offer\",\"sdp\":\"v=0 bob\"} " + bobId, alice.next());
      alice.emit("message", "got user media");
      assertEquals("message got user media " + aliceId, bob.next());

      CompletableFuture<String> acked = new CompletableFuture<>();
      alice.socket.emit("echo", new Object[] {"ping", 42}, (Ack) args -> acked.complete(args[0] + "/" + args[1]));
      assertEquals("ping/42", acked.get(10, TimeUnit.SECONDS));

      bob.emit("bye", room);
      assertEquals("bye " + room + " " + bobId, alice.next());

      if (setup.equals("polling then websocket")) {
        assertTrue(alice.transportsUsed.containsAll(java.util.Set.of("polling", "websocket")), alice.transportsUsed.toString());
      } else {
        assertEquals(java.util.Set.of(setup), alice.transportsUsed);
      }
    }
  }
}
