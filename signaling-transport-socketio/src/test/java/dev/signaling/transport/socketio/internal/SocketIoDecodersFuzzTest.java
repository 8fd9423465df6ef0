package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.Handshake;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.internal.PollingRoute.ReadBody;
import dev.signaling.transport.socketio.internal.PollingRoute.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz tests of the Socket.IO transport's decoders of untrusted input: the Socket.IO packet codec
 * with binary attachments, the Engine.IO long-polling payload, and the handshake query. {@code mvn
 * verify} replays the committed {@code SocketIoDecodersFuzzTestInputs}; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/SECURITY.md). Every input must end in the documented refusal or a value that keeps
 * the protocol's invariants.
 */
class SocketIoDecodersFuzzTest {
  private static final int MAX_ATTACHMENTS = 10;
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  private final SocketIoPacketCodec codec = new SocketIoPacketCodec(MAX_ATTACHMENTS, 32);

  /** A packet decodes, and its attachments attach, or MalformedPacketException says why not. */
  @FuzzTest(maxDuration = "5m")
  void packetCodecDecodesOrRefuses(FuzzedDataProvider data) {
    boolean raw = data.consumeBoolean();
    int binaries = data.consumeInt(0, 12);
    List<byte[]> attachments = new ArrayList<>();
    for (int i = 0; i < binaries; i++) {
      attachments.add(data.consumeBytes(8));
    }
    String text = data.consumeRemainingAsString();
    SocketIoPacket packet;
    try {
      packet = codec.decode(text, 0, namespace -> raw);
    } catch (MalformedPacketException refused) {
      assertNotNull(refused.getMessage());
      return;
    }
    assertTrue(packet.type() >= SocketIoPacket.CONNECT && packet.type() <= SocketIoPacket.BINARY_ACK, text);
    assertTrue(packet.namespace().startsWith("/"), packet.namespace());
    assertTrue(packet.attachments() >= 0 && packet.attachments() <= MAX_ATTACHMENTS, "attachments " + packet.attachments());
    if (packet.rawEvent() != null) {
      assertNull(packet.data());
      return;
    }
    boolean binaryType = packet.type() == SocketIoPacket.BINARY_EVENT || packet.type() == SocketIoPacket.BINARY_ACK;
    if (!binaryType) {
      return;
    }
    SocketIoPacket complete;
    try {
      complete = codec.attach(packet, attachments.subList(0, Math.min(attachments.size(), packet.attachments())));
    } catch (MalformedPacketException refused) {
      return;
    }
    // Every placeholder became one of the attachments. (An announced attachment no placeholder
    // names is ignored, as socket.io's own parser does; a placeholder may name one twice.)
    List<byte[]> given = attachments.subList(0, Math.min(attachments.size(), packet.attachments()));
    assertNoPlaceholderLeft(complete.data(), given);
  }

  private static void assertNoPlaceholderLeft(JsonNode node, List<byte[]> given) {
    if (node == null) {
      return;
    }
    if (node.isBinary()) {
      byte[] value = ((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue();
      assertTrue(given.stream().anyMatch(b -> java.util.Arrays.equals(b, value)), "a binary that was not attached");
      return;
    }
    assertFalse(node.isObject() && node.path("_placeholder").asBoolean(false) && node.has("num"),
        "a placeholder left in the packet: " + node);
    for (JsonNode child : node) {
      assertNoPlaceholderLeft(child, given);
    }
  }

  /**
   * A POSTed polling payload is answered 200 with each message delivered in order, or 400/413
   * (the session then ends); nothing else escapes.
   */
  @FuzzTest(maxDuration = "5m")
  void pollingPayloadIsDeliveredOrRefused(FuzzedDataProvider data) {
    List<String> delivered = new ArrayList<>();
    SessionRegistry registry = new SessionRegistry(SocketIoConfig.builder().maxPayload(4096).build(),
        socket -> new Recorder(delivered), TIMERS);
    try {
      PollingTransport transport = new PollingTransport(registry);
      Reply handshake = (Reply) transport.route(new PollingRequest("GET", null, "EIO=4&transport=polling", -1, Handshake::empty), (n, v) -> { });
      Matcher sid = SID.matcher(handshake.body());
      assertTrue(sid.find(), handshake.body());
      byte[] body = data.consumeRemainingAsBytes();
      PollingRoute route = transport.route(new PollingRequest("POST", null,
          "EIO=4&transport=polling&sid=" + sid.group(1), body.length, Handshake::empty), (n, v) -> { });
      if (route instanceof Reply reply) {
        assertEquals(413, reply.status(), "only a body over maxPayload is refused before reading");
        return;
      }
      ReadBody read = (ReadBody) route;
      Reply reply = transport.posted(read.session(), body, body.length);
      assertTrue(reply.status() == 200 || reply.status() == 400 || reply.status() == 413, "status " + reply.status());
      if (reply.status() == 200) {
        List<String> expected = new ArrayList<>();
        for (String packet : new String(body, StandardCharsets.UTF_8).split("\u001e", -1)) {
          if (packet.startsWith("4")) {
            expected.add(packet.substring(1));
          }
          if (packet.startsWith("1")) {
            break; // the client closed: nothing after it is delivered
          }
        }
        assertEquals(expected, delivered, "messages delivered in order");
      }
    } finally {
      registry.closeAll();
    }
  }

  /** The handshake query parser never fails; a well-formed Engine.IO 4 query is accepted. */
  @FuzzTest(maxDuration = "5m")
  void handshakeQueryParsesAnything(FuzzedDataProvider data) {
    String raw = data.consumeRemainingAsString();
    HandshakeQuery query = HandshakeQuery.parse(raw);
    String problem = query.problemFor("polling");
    if ("4".equals(query.eio()) && "polling".equals(query.transport())) {
      assertNull(problem);
    } else {
      assertNotNull(problem);
    }
    HandshakeQuery withPrefix = HandshakeQuery.parse("EIO=4&transport=websocket&" + raw);
    assertEquals("4", withPrefix.eio(), "the first value of a repeated name wins");
    assertEquals("websocket", withPrefix.transport());
  }

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "fuzz-timers");
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true);
    return timers;
  }

  /** Records the text messages the session delivers. */
  private static final class Recorder implements EngineIoListener {
    private final List<String> delivered;

    Recorder(List<String> delivered) {
      this.delivered = delivered;
    }

    @Override
    public void onText(String message) {
      delivered.add(message);
    }

    @Override
    public void onBinary(byte[] message) {}

    @Override
    public void onClose(String reason) {}
  }
}
