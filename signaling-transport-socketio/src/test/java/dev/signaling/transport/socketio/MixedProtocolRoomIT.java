package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A socket.io peer and a native-protocol peer in one room, on one engine and one port. */
class MixedProtocolRoomIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SignalingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new SignalingFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void socketIoAndNativePeersShareARoomAndExchangeMessagesBothWays() throws Exception {
    try (RawWebSocket nativePeer = fixture.connectNative();
         JavaClientPeer socketIoPeer = new JavaClientPeer(fixture.httpUrl(), new String[] {WebSocket.NAME})) {
      nativePeer.send("{\"event\":\"create or join\",\"args\":[\"mixed\"]}");
      JsonNode created = nextNative(nativePeer);
      assertEquals("created", created.get("event").textValue());
      String nativeId = created.get("args").get(1).textValue();

      socketIoPeer.emit("create or join", "mixed");
      String joined = socketIoPeer.next();
      assertTrue(joined.startsWith("joined mixed "), joined);
      String socketIoId = joined.substring(joined.lastIndexOf(' ') + 1);
      assertEquals("ready mixed", socketIoPeer.next());
      assertEquals("{\"event\":\"join\",\"args\":[\"mixed\",\"" + socketIoId + "\"]}", nextNative(nativePeer).toString());
      assertEquals("ready", nextNative(nativePeer).get("event").textValue());

      socketIoPeer.emit("message", new JSONObject().put("type", "offer").put("sdp", "from socket.io"));
      assertEquals("{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"from socket.io\"},\"" + socketIoId + "\"]}",
          nextNative(nativePeer).toString());

      nativePeer.send("{\"event\":\"message\",\"args\":[{\"type\":\"answer\",\"sdp\":\"from native\"}]}");
      assertEquals("message {\"type\":\"answer\",\"sdp\":\"from native\"} " + nativeId, socketIoPeer.next());

      socketIoPeer.close();
      assertEquals("{\"event\":\"bye\",\"args\":[\"mixed\",\"" + socketIoId + "\"]}", nextNative(nativePeer).toString());
    }
  }

  @Test
  void payloadsCrossBetweenProtocolsCharacterForCharacter() throws Exception {
    try (RawWebSocket nativePeer = fixture.connectNative();
         RawWebSocket socketIoPeer = fixture.connectRaw(null)) {
      nativePeer.send("{\"event\":\"create or join\",\"args\":[\"exact-mixed\"]}");
      String nativeId = nextNative(nativePeer).get("args").get(1).textValue();
      socketIoPeer.send("42[\"create or join\",\"exact-mixed\"]");
      String joined = socketIoPeer.nextText();
      String socketIoId = JSON.readTree(joined.substring(2)).get(2).textValue();
      socketIoPeer.nextText();
      nextNative(nativePeer);
      nextNative(nativePeer);

      for (String payload : SocketIoSignalingIT.PAYLOADS) {
        nativePeer.send("{\"args\":[" + payload + "], \"event\":\"message\"}");
        assertEquals("42[\"message\"," + payload + ",\"" + nativeId + "\"]", socketIoPeer.nextText());
        socketIoPeer.send("42[\"message\"," + payload + "]");
        assertEquals("{\"event\":\"message\",\"args\":[" + payload + ",\"" + socketIoId + "\"]}",
            nativePeer.next().text());
      }
    }
  }

  private static JsonNode nextNative(RawWebSocket peer) throws Exception {
    return JSON.readTree(peer.next().text());
  }
}
