package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.util.Set;
import org.json.JSONObject;

/**
 * The codelab scenario on the real Java socket.io client, for any server that serves the
 * signaling core at {@code /socket.io/}: created / join / joined / ready / full / message / bye.
 * Public in this module's test-jar, so the example server and the servlet containers run the
 * very same scenario.
 */
public final class JavaClientCodelab {
  /** The transport setups, as JUnit {@code @ValueSource} strings. */
  public static final String WEBSOCKET = "websocket";
  public static final String POLLING = "polling";
  public static final String POLLING_THEN_WEBSOCKET = "polling then websocket";

  /** A check run while two peers share the room, given the first one. */
  @FunctionalInterface
  public interface WhilePaired {
    void check(JavaClientPeer alice) throws Exception;
  }

  private JavaClientCodelab() {}

  /** The client's {@code transports} option for {@code setup}. */
  public static String[] transports(String setup) {
    return switch (setup) {
      case WEBSOCKET -> new String[] {WebSocket.NAME};
      case POLLING -> new String[] {Polling.NAME};
      case POLLING_THEN_WEBSOCKET -> new String[] {Polling.NAME, WebSocket.NAME};
      default -> throw new IllegalArgumentException("unknown setup " + setup);
    };
  }

  /** Runs the scenario against {@code url} (e.g. {@code http://127.0.0.1:8080/}) in a room named after {@code setup}. */
  public static void run(String url, String setup, WhilePaired whilePaired) throws Exception {
    String room = "java-" + setup.replace(' ', '-');
    try (JavaClientPeer alice = new JavaClientPeer(url, transports(setup));
         JavaClientPeer bob = new JavaClientPeer(url, transports(setup));
         JavaClientPeer carol = new JavaClientPeer(url, transports(setup))) {
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

      whilePaired.check(alice);

      bob.emit("bye", room);
      assertEquals("bye " + room + " " + bobId, alice.next());

      Set<String> expected = setup.equals(POLLING_THEN_WEBSOCKET) ? Set.of(POLLING, WEBSOCKET) : Set.of(setup);
      assertEquals(expected, alice.transportsUsed, "transports the client used");
    }
  }
}
