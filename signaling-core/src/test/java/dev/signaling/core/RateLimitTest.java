package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.limits.RateLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-connection rate limit as a client sees it: error events, then close 1008. */
class RateLimitTest {
  private final MutableClock clock = new MutableClock();
  private final SignalingEngine engine = SignalingEngine.builder().clock(clock).build();

  @Test
  void aCallsSignalingBurstNeverHitsTheDefault() {
    RecordingSink caller = RecordingSink.connect(engine);
    RecordingSink callee = RecordingSink.connect(engine);
    caller.peer.receive(new ClientEvent.CreateOrJoin("call"));
    callee.peer.receive(new ClientEvent.CreateOrJoin("call"));
    // All at one instant: an offer, 80 candidates, end-of-candidates; the other side the same.
    caller.peer.receive(new ClientEvent.Message(RawJson.parse("{\"type\":\"offer\",\"sdp\":\"v=0\"}"), null));
    callee.peer.receive(new ClientEvent.Message(RawJson.parse("{\"type\":\"answer\",\"sdp\":\"v=0\"}"), null));
    for (int i = 0; i < 80; i++) {
      caller.peer.receive(new ClientEvent.Message(candidate(i), null));
      callee.peer.receive(new ClientEvent.Message(candidate(i), null));
    }
    caller.peer.receive(new ClientEvent.Message(RawJson.parse("null"), null));
    callee.peer.receive(new ClientEvent.Message(RawJson.parse("null"), null));

    assertEquals(List.of(), caller.eventsOf(ServerEvent.Error.class));
    assertEquals(List.of(), callee.eventsOf(ServerEvent.Error.class));
    assertEquals(82, callee.eventsOf(ServerEvent.Message.class).size());
    assertEquals(82, caller.eventsOf(ServerEvent.Message.class).size());
  }

  @Test
  void anEventOverTheLimitIsNotProcessedAndGetsRateLimited() {
    SignalingEngine tight = SignalingEngine.builder().clock(clock)
        .config(SignalingConfig.builder().rateLimit(new RateLimit(5, 3)).build()).build();
    RecordingSink sender = RecordingSink.connect(tight);
    RecordingSink receiver = RecordingSink.connect(tight);
    sender.peer.receive(new ClientEvent.CreateOrJoin("r"));
    receiver.peer.receive(new ClientEvent.CreateOrJoin("r"));
    receiver.clear();
    sender.clear();

    sender.peer.receive(new ClientEvent.Message(RawJson.parse("1"), null));
    sender.peer.receive(new ClientEvent.Message(RawJson.parse("2"), null));
    sender.peer.receive(new ClientEvent.Message(RawJson.parse("3"), null)); // over: 1 join + 2 = 3

    assertEquals(2, receiver.eventsOf(ServerEvent.Message.class).size(), "the third was dropped");
    ServerEvent.Error error = sender.eventsOf(ServerEvent.Error.class).get(0);
    assertEquals(ErrorCode.RATE_LIMITED, error.code());
    assertEquals("rate-limited", error.code().wireCode());
    assertNull(sender.closedWith, "one excess event does not close the connection");

    clock.advanceMillis(200); // one token at 5/s
    sender.peer.receive(new ClientEvent.Message(RawJson.parse("4"), null));
    assertEquals(3, receiver.eventsOf(ServerEvent.Message.class).size(), "processed again after a pause");
  }

  @Test
  void aConnectionThatKeepsExceedingTheLimitIsClosedWith1008() {
    RecordingSink flooder = RecordingSink.connect(engine);
    RecordingSink bystander = RecordingSink.connect(engine);
    flooder.peer.receive(new ClientEvent.CreateOrJoin("flood"));
    for (int i = 0; i < 2_000 && flooder.closedWith == null; i++) {
      flooder.peer.receive(new ClientEvent.Message(RawJson.parse("0"), null));
    }
    assertEquals(CloseReason.POLICY_VIOLATION, flooder.closedWith);
    // 200 tokens: the join and 199 messages; then 20 rate-limited errors are tolerated, the 21st closes.
    assertEquals(21, flooder.eventsOf(ServerEvent.Error.class).size());
    assertTrue(flooder.eventsOf(ServerEvent.Error.class).stream().allMatch(e -> e.code() == ErrorCode.RATE_LIMITED));

    bystander.peer.receive(new ClientEvent.CreateOrJoin("flood"));
    assertEquals("created", bystander.events.get(0).name(), "the flooder's room is gone, others unharmed");
  }

  @Test
  void undecodableFramesCostTokensToo() {
    SignalingEngine tight = SignalingEngine.builder().clock(clock)
        .config(SignalingConfig.builder().rateLimit(new RateLimit(1, 2)).build()).build();
    RecordingSink sink = RecordingSink.connect(tight);
    sink.peer.reject(new SignalingException(ErrorCode.INVALID_JSON, "bad"));
    sink.peer.reject(new SignalingException(ErrorCode.INVALID_JSON, "bad"));
    sink.peer.receive(new ClientEvent.CreateOrJoin("r"));
    assertEquals(ErrorCode.RATE_LIMITED, sink.eventsOf(ServerEvent.Error.class).get(2).code());
  }

  @Test
  void unlimitedTurnsTheLimitOff() {
    SignalingEngine free = SignalingEngine.builder().clock(clock)
        .config(SignalingConfig.builder().rateLimit(RateLimit.UNLIMITED).build()).build();
    RecordingSink a = RecordingSink.connect(free);
    RecordingSink b = RecordingSink.connect(free);
    a.peer.receive(new ClientEvent.CreateOrJoin("r"));
    b.peer.receive(new ClientEvent.CreateOrJoin("r"));
    for (int i = 0; i < 5_000; i++) {
      a.peer.receive(new ClientEvent.Message(RawJson.parse("0"), null));
    }
    assertEquals(5_000, b.eventsOf(ServerEvent.Message.class).size());
    assertEquals(List.of(), a.eventsOf(ServerEvent.Error.class));
  }

  @Test
  void invalidLimitsAreRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 10));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, 0));
  }

  private static RawJson candidate(int i) {
    return RawJson.parse("{\"type\":\"candidate\",\"label\":0,\"id\":\"0\",\"candidate\":\"candidate:" + i
        + " 1 udp 2122260223 192.0.2.1 5" + (1000 + i) + " typ host\"}");
  }
}
