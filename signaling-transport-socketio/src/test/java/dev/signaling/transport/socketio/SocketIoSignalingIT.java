package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO packets against the signaling core over a real WebSocket: what a socket.io client
 * sees for each event, and what happens to packets that break the protocol.
 */
class SocketIoSignalingIT {
  private static final Pattern SID = Pattern.compile("\"(?:sid)\":\"([^\"]+)\"");
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
  void theConnectPayloadReachesTheApplicationAsThePeersAuthAttribute() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw("{\"token\":\"123\"}")) {
      ws.send("421[\"whoami\"]");
      assertEquals("431[{\"token\":\"123\"}]", ws.nextText());
    }
  }

  @Test
  void withoutAConnectPayloadTheAuthAttributeIsAnEmptyObject() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("421[\"whoami\"]");
      assertEquals("431[{}]", ws.nextText());
    }
  }

  @Test
  void codelabEventsKeepTheirNamesAndArguments() throws Exception {
    try (RawWebSocket first = fixture.connectRaw(null); RawWebSocket second = fixture.connectRaw(null)) {
      first.send("42[\"create or join\",\"raw-room\"]");
      String created = first.nextText();
      Matcher firstId = Pattern.compile("^42\\[\"created\",\"raw-room\",\"([^\"]+)\"\\]$").matcher(created);
      assertTrue(firstId.matches(), created);
      second.send("42[\"create or join\",\"raw-room\"]");
      assertTrue(first.nextText().startsWith("42[\"join\",\"raw-room\","));
      assertTrue(first.nextText().equals("42[\"ready\",\"raw-room\"]"));
      assertTrue(second.nextText().startsWith("42[\"joined\",\"raw-room\","));
      assertEquals("42[\"ready\",\"raw-room\"]", second.nextText());
      second.send("42[\"message\",{\"type\":\"offer\",\"sdp\":\"v=0\"}]");
      String relayed = first.nextText();
      assertTrue(relayed.startsWith("42[\"message\",{\"type\":\"offer\",\"sdp\":\"v=0\"},\""), relayed);
      second.send("42[\"bye\",\"raw-room\"]");
      assertTrue(first.nextText().startsWith("42[\"bye\",\"raw-room\","));
    }
  }

  /** Spacing, escapes, a non-BMP character written raw and escaped, number spellings, nesting. */
  static final String[] PAYLOADS = {
      "{ \"type\" : \"offer\", \"sdp\" : \"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\" }",
      "{\"candidate\":\"caf\\u00e9 \\ud83d\\ude00 \u00e9\ud83d\ude00 \\\"q\\\" \\/\",\"n\":1.50E+3,\"deep\":[[[],{}]]}",
      "\"got user media\"",
      "[1, null ,true]",
  };

  @Test
  void relayedPayloadsArriveCharacterForCharacter() throws Exception {
    try (RawWebSocket first = fixture.connectRaw(null); RawWebSocket second = fixture.connectRaw(null)) {
      first.send("42[\"create or join\",\"exact-room\"]");
      Matcher firstId = Pattern.compile("^42\\[\"created\",\"exact-room\",\"([^\"]+)\"\\]$").matcher(first.nextText());
      assertTrue(firstId.matches());
      second.send("42[\"create or join\",\"exact-room\"]");
      first.nextText();
      first.nextText();
      second.nextText();
      second.nextText();
      for (String payload : PAYLOADS) {
        first.send("42[\"message\"," + payload + "]");
        assertEquals("42[\"message\"," + payload + ",\"" + firstId.group(1) + "\"]", second.nextText());
      }
    }
  }

  @Test
  void wrongArgumentsGetAnErrorEventAndTheSessionGoesOn() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      for (String bad : new String[] {"42[\"create or join\",7]", "42[\"create or join\"]", "42[\"message\"]",
          "42[\"message\",{},{}]", "42[\"bye\",[\"room\"]]"}) {
        ws.send(bad);
        String error = ws.nextText();
        assertTrue(error.startsWith("42[\"error\",{\"code\":\"invalid-event\",\"message\":\"'"), bad + " -> " + error);
      }
      ws.send("42[\"message\",{\"type\":\"offer\"}]");
      assertTrue(ws.nextText().startsWith("42[\"error\",{\"code\":\"not-in-room\""));
      ws.send("429[\"echo\",{ \"still\" : \"here\" }]");
      assertEquals("439[{\"still\":\"here\"}]", ws.nextText());
    }
  }

  @Test
  void binaryAttachmentsAreRelayedAsBinaryAttachments() throws Exception {
    try (RawWebSocket first = fixture.connectRaw(null); RawWebSocket second = fixture.connectRaw(null)) {
      first.send("42[\"create or join\",\"binary-room\"]");
      first.nextText();
      second.send("42[\"create or join\",\"binary-room\"]");
      first.nextText();
      first.nextText();
      second.nextText();
      second.nextText();
      second.send("451-[\"message\",{\"_placeholder\":true,\"num\":0}]");
      second.sendBinary(new byte[] {7, 8, 9});
      String header = first.nextText();
      assertTrue(header.startsWith("451-[\"message\",{\"_placeholder\":true,\"num\":0},\""), header);
      assertArrayEquals(new byte[] {7, 8, 9}, first.next().binary());
    }
  }

  @Test
  void anUnknownNamespaceGetsConnectErrorAndTheConnectionStaysUsable() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("40/nowhere,");
      assertEquals("44/nowhere,{\"message\":\"Invalid namespace\"}", ws.nextText());
      ws.send("427[\"echo\",\"still\"]");
      assertEquals("437[\"still\"]", ws.nextText());
    }
  }

  @Test
  void anotherNamespaceIsServedBesideTheSignalingOne() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("40/custom,{\"a\":1}");
      String connected = ws.nextText();
      assertTrue(SID.matcher(connected).find() && connected.startsWith("40/custom,"), connected);
      assertEquals("42/custom,[\"auth\",{\"a\":1}]", ws.nextText());
      ws.send("42/custom,3[\"message-with-ack\",1]");
      assertEquals("43/custom,3[1]", ws.nextText());
    }
  }

  @Test
  void anEventWhoseHandlerExpectsAnAckButCarriesNoAckIdGetsAnErrorAndTheSessionGoesOn() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("42[\"careless\",1]");
      String error = ws.nextText();
      assertTrue(error.startsWith("42[\"error\",{\"code\":\"internal-error\""), error);
      ws.send("429[\"echo\",2]");
      assertEquals("439[2]", ws.nextText());
    }
  }

  @Test
  void aHugeAttachmentCountClosesTheConnection() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("459999-[\"message\",{\"_placeholder\":true,\"num\":0}]");
      assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0);
    }
  }

  @Test
  void anAttachmentCountJustOverTheCapClosesTheConnection() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("4511-[\"message\",{\"_placeholder\":true,\"num\":0}]");
      assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0);
    }
  }

  @Test
  void deeplyNestedJsonClosesTheConnection() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.send("42[\"echo\"," + "[".repeat(5000) + "]".repeat(5000) + "]");
      assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0);
    }
  }

  @Test
  void malformedPacketsCloseTheConnection() throws Exception {
    for (String bad : new String[] {"4abc", "42{}", "42abc[\"echo\"]", "42[1,2]", "49", "44{\"message\":\"x\"}", "43[1]"}) {
      try (RawWebSocket ws = fixture.connectRaw(null)) {
        ws.send(bad);
        assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0, "closed after " + bad);
      }
    }
  }

  @Test
  void aBinaryMessageNobodyAnnouncedClosesTheConnection() throws Exception {
    try (RawWebSocket ws = fixture.connectRaw(null)) {
      ws.sendBinary(new byte[] {1});
      assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0);
    }
  }

  @Test
  void aFloodOfEventsGetsRateLimitedErrorsAndThenTheSocketIsDisconnected() throws Exception {
    try (RawWebSocket flooder = fixture.connectRaw(null)) {
      flooder.send("42[\"create or join\",\"flood-sio\"]");
      assertTrue(flooder.nextText().startsWith("42[\"created\""));
      for (int i = 0; i < 300 && !flooder.isClosed(); i++) {
        try {
          flooder.send("42[\"message\"," + i + "]"); // alone in the room: relayed to no one, no error
        } catch (RuntimeException closedMeanwhile) {
          break;
        }
      }
      // Read what arrives until the server has left the namespace or closed. (A close while the
      // client still sends may reset the connection and drop the last frames, so count, not list.)
      int rateLimited = 0;
      String last = "";
      for (int i = 0; i < 100 && !last.equals("41"); i++) {
        try {
          last = flooder.nextText();
        } catch (AssertionError | RuntimeException closedMeanwhile) {
          break; // no more frames, or the answer to a ping met the closed connection
        }
        if (last.startsWith("42[\"error\",{\"code\":\"rate-limited\"")) {
          rateLimited++;
        }
      }
      assertTrue(rateLimited >= 1 && rateLimited <= 21, "rate-limited errors before the end: " + rateLimited);
      assertTrue(flooder.awaitClose(Duration.ofSeconds(10)) != 0, "the server ended the connection");
    }
  }

  @Test
  void aConnectionThatJoinsNoNamespaceIsClosedAfterTheConnectTimeout() {
    try (RawWebSocket ws = RawWebSocket.open(fixture.webSocketUrl())) {
      assertTrue(ws.awaitClose(Duration.ofSeconds(5)) > 0);
    }
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsClosedAndItsRoomIsTold() throws Exception {
    try (RawWebSocket silent = fixture.connectRaw(null); RawWebSocket other = fixture.connectRaw(null)) {
      silent.send("42[\"create or join\",\"silent-room\"]");
      assertTrue(silent.nextText().startsWith("42[\"created\""));
      other.send("42[\"create or join\",\"silent-room\"]");
      assertTrue(other.nextText().startsWith("42[\"joined\""));
      // `silent` reads nothing from now on and so answers no ping; `other` keeps answering.
      // A ping timeout is a dropped transport: with resume on (the default) the room is told
      // peer-disconnected at once, and bye once the 30 s window passes (PeerNoticesTest).
      String gone = other.nextText();
      while (gone.startsWith("42[\"ready\"")) {
        gone = other.nextText();
      }
      assertTrue(gone.startsWith("42[\"peer-disconnected\",\"silent-room\","), gone);
      assertTrue(silent.awaitClose(Duration.ofSeconds(5)) > 0);
    }
  }

  @Test
  void byDefaultTheServerRecoversConnectionsWithAPidAndAnOffsetOnEveryEvent() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(fixture.webSocketUrl())) {
      assertTrue(ws.next().text().startsWith("0{"));
      ws.send("40");
      String connected = ws.nextText();
      assertTrue(connected.matches("^40\\{\"sid\":\"[^\"]+\",\"pid\":\"[^\"]+\"\\}$"), connected);
      ws.send("42[\"create or join\",\"offset-room\"]");
      String created = ws.nextText();
      assertTrue(created.matches("^42\\[\"created\",\"offset-room\",\"[^\"]+\",\"1\"\\]$"), created);
      ws.send("42[\"create or join\",\"offset-room\"]");
      String error = ws.nextText();
      assertTrue(error.matches("^42\\[\"error\",\\{\"code\":\"already-in-room\",.*\\},\"2\"\\]$"), error);
      ws.send("421[\"echo\",\"x\"]");
      assertEquals("431[\"x\"]", ws.nextText(), "acknowledgements are no events: no offset");
    }
  }

  @Test
  void webSocketUpgradesFromAnOriginNotAllowedAreRefused() {
    assertTrue(RawWebSocket.upgradeRefused(fixture.webSocketUrl(), "http://evil.example"));
    RawWebSocket.open(fixture.webSocketUrl(), SignalingFixture.ALLOWED_ORIGIN).close();
  }

  @Test
  void pollingRequestsFromAnOriginNotAllowedAreRefused() {
    Polling polling = new Polling(fixture.httpUrl(), "/socket.io/");
    assertEquals(403, polling.get("EIO=4&transport=polling", "http://evil.example").statusCode());
    var allowed = polling.get("EIO=4&transport=polling", SignalingFixture.ALLOWED_ORIGIN);
    assertEquals(200, allowed.statusCode());
    assertEquals(SignalingFixture.ALLOWED_ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    String sid = polling.handshake().get("sid").textValue();
    assertEquals(403, polling.get(Polling.session(sid), "http://evil.example").statusCode(),
        "every request of a session is checked, not only the handshake");
  }
}
