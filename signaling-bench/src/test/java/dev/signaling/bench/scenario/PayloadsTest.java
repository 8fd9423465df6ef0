package dev.signaling.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.signaling.bench.client.NativeDialect;
import dev.signaling.bench.client.SocketIoDialect;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  @Test
  void sequenceAndTimeSurviveEitherProtocolsFraming() {
    Payloads payloads = new Payloads(1000);
    String payload = payloads.payload(123456, 9_007_199_254_740_000L);
    String relayedNative = new NativeDialect("/signaling").frame("message", payload + ",\"peer-id\"");
    String relayedSocketIo = new SocketIoDialect().frame("message", payload);
    for (String frame : new String[] {relayedNative, relayedSocketIo}) {
      assertEquals(123456, Payloads.seq(frame));
      assertEquals(9_007_199_254_740_000L, Payloads.time(frame));
    }
  }

  @Test
  void payloadsHaveTheRequestedSize() {
    assertEquals(1000, new Payloads(1000).payload(1, 1_000_000_000_000L).length(), 15);
  }

  @Test
  void aFrameWithoutNumbersIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Payloads.seq("{\"event\":\"message\",\"args\":[{}]}"));
  }
}
