package dev.signaling.transport.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.SignalingEngine;
import dev.signaling.core.TransportKind;
import dev.signaling.core.WireProtocol;
import dev.signaling.transport.socketio.OriginPolicy;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.engineio.EngineIoListener;
import dev.signaling.transport.socketio.internal.PollingRoute.HoldPoll;
import dev.signaling.transport.socketio.internal.PollingRoute.ReadBody;
import dev.signaling.transport.socketio.internal.PollingRoute.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The polling decisions both HTTP adapters share, without any HTTP server. */
class PollingTransportTest {
  private static final String APP = "https://app.example";
  private static final int MAX_PAYLOAD = 100;

  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final SessionRegistry registry = new SessionRegistry(
      SocketIoConfig.builder().maxPayload(MAX_PAYLOAD).originPolicy(OriginPolicy.allowing(Set.of(APP))).build(),
      socket -> new Silent(), timers);
  private final PollingTransport transport = new PollingTransport(registry);
  private final Map<String, String> headers = new LinkedHashMap<>();

  @AfterEach
  void stop() {
    registry.closeAll();
    timers.shutdownNow();
  }

  private PollingRoute route(String method, String origin, String query, long length) {
    headers.clear();
    return transport.route(new PollingRequest(method, origin, query, length, dev.signaling.core.Handshake::empty), headers::put);
  }

  private String openSession() {
    Reply handshake = assertInstanceOf(Reply.class, route("GET", null, "EIO=4&transport=polling", -1));
    assertEquals(200, handshake.status());
    String body = handshake.body();
    int start = body.indexOf("\"sid\":\"") + 7;
    return body.substring(start, body.indexOf('"', start));
  }

  @Test
  void aForeignOriginIsRefusedWith403AndGetsNoCorsHeaders() {
    assertEquals(new Reply(403, "origin not allowed"), route("GET", "https://evil.example", "EIO=4&transport=polling", -1));
    assertEquals(Map.of("Cache-Control", "no-store"), headers);
    assertEquals(0, registry.size(), "no session opened");
  }

  @Test
  void anAllowedOriginIsEchoedWithCredentialsAndAPreflightIsAnswered() {
    assertEquals(new Reply(204, ""), route("OPTIONS", APP, null, -1));
    assertEquals(APP, headers.get("Access-Control-Allow-Origin"));
    assertEquals("true", headers.get("Access-Control-Allow-Credentials"));
    assertEquals("GET, POST", headers.get("Access-Control-Allow-Methods"));
  }

  @Test
  void aDrainingEngineCountsPollingSessionsThenRefusesNewOnesWith503() throws Exception {
    SignalingEngine engine = SignalingEngine.create();
    SessionRegistry counted = new SessionRegistry(SocketIoConfig.DEFAULT, socket -> new Silent(), timers,
        engine.connections());
    PollingTransport polling = new PollingTransport(counted);
    PollingRequest open = new PollingRequest("GET", null, "EIO=4&transport=polling", -1, dev.signaling.core.Handshake::empty);
    assertEquals(200, assertInstanceOf(Reply.class, polling.route(open, headers::put)).status());
    assertEquals(1, engine.connections().count(WireProtocol.SOCKETIO, TransportKind.POLLING));

    assertTrue(engine.drain(Duration.ofSeconds(5)), "the session closed with 1012");
    assertEquals(0, engine.connections().count());
    int kept = counted.size(); // the closed session waits to answer its client's next poll
    assertEquals(new Reply(503, "server draining"), polling.route(open, headers::put));
    assertEquals(kept, counted.size(), "no session opened");
  }

  @Test
  void requestsOutsideTheProtocolAre400() {
    assertEquals(400, assertInstanceOf(Reply.class, route("GET", null, "EIO=3&transport=polling", -1)).status());
    assertEquals(400, assertInstanceOf(Reply.class, route("GET", null, "EIO=4&transport=websocket", -1)).status());
    assertEquals(400, assertInstanceOf(Reply.class, route("POST", null, "EIO=4&transport=polling", 1)).status());
    assertEquals(new Reply(400, "unknown session"), route("GET", null, "EIO=4&transport=polling&sid=nope", -1));
    String sid = openSession();
    assertEquals(400, assertInstanceOf(Reply.class, route("PUT", null, "EIO=4&transport=polling&sid=" + sid, 1)).status());
  }

  @Test
  void aPollIsHeldAndAPostIsReadUpToMaxPayloadForTheirSession() {
    String sid = openSession();
    EngineIoSession session = registry.find(sid).orElseThrow();
    assertSame(session, assertInstanceOf(HoldPoll.class, route("GET", null, "EIO=4&transport=polling&sid=" + sid, -1)).session());
    ReadBody read = assertInstanceOf(ReadBody.class, route("POST", null, "EIO=4&transport=polling&sid=" + sid, -1));
    assertEquals(new ReadBody(session, MAX_PAYLOAD), read);
    byte[] body = "4hello\u001e2".getBytes(StandardCharsets.UTF_8);
    assertEquals(new Reply(200, "ok"), transport.posted(session, body, body.length));
  }

  @Test
  void aBodyOverMaxPayloadIs413AndEndsTheSessionWhetherDeclaredOrCounted() {
    String declared = openSession();
    assertEquals(new Reply(413, "payload too large"),
        route("POST", null, "EIO=4&transport=polling&sid=" + declared, MAX_PAYLOAD + 1));
    assertTrue(registry.find(declared).isEmpty(), "session over");

    String counted = openSession();
    EngineIoSession session = registry.find(counted).orElseThrow();
    byte[] body = ("4" + "x".repeat(MAX_PAYLOAD)).getBytes(StandardCharsets.UTF_8);
    assertEquals(413, transport.posted(session, body, body.length).status());
    assertTrue(registry.find(counted).isEmpty(), "session over");
  }

  private static final class Silent implements EngineIoListener {
    @Override
    public void onText(String message) {}

    @Override
    public void onBinary(byte[] message) {}

    @Override
    public void onClose(String reason) {}
  }
}
