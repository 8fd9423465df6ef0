package dev.signaling.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.signaling.core.limits.ConnectionAdmission.Admitted;
import dev.signaling.core.limits.ConnectionAdmission.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionAdmissionTest {

  @Test
  void anAddressOverItsShareIsRefusedWith429WhileOthersGetIn() {
    ConnectionAdmission admission = new ConnectionAdmission(new ConnectionLimits(10, 2), TrustedProxies.NONE);
    assertInstanceOf(Admitted.class, admission.admit("127.0.0.2"));
    assertInstanceOf(Admitted.class, admission.admit("127.0.0.2"));
    Refused refused = assertInstanceOf(Refused.class, admission.admit("127.0.0.2"));
    assertEquals(429, refused.httpStatus());
    assertInstanceOf(Admitted.class, admission.admit("127.0.0.3"));
    assertEquals(3, admission.connections());
    assertEquals(2, admission.connections("127.0.0.2"));
  }

  @Test
  void aFullServerRefusesWith503() {
    ConnectionAdmission admission = new ConnectionAdmission(new ConnectionLimits(2, 5), TrustedProxies.NONE);
    admission.admit("192.0.2.1");
    admission.admit("192.0.2.2");
    assertEquals(503, assertInstanceOf(Refused.class, admission.admit("192.0.2.3")).httpStatus());
    assertEquals(2, admission.connections(), "a refusal takes no place");
  }

  @Test
  void releasingGivesThePlaceBackOnce() {
    ConnectionAdmission admission = new ConnectionAdmission(new ConnectionLimits(10, 1), TrustedProxies.NONE);
    Admitted first = assertInstanceOf(Admitted.class, admission.admit("192.0.2.1"));
    first.ticket().release();
    first.ticket().release();
    assertEquals(0, admission.connections());
    assertEquals(0, admission.connections("192.0.2.1"));
    Admitted second = assertInstanceOf(Admitted.class, admission.admit("192.0.2.1"));
    assertInstanceOf(Refused.class, admission.admit("192.0.2.1"), "the double release did not free a second place");
    second.ticket().release();
  }

  @Test
  void racingHandshakesNeverExceedTheLimit() throws Exception {
    ConnectionAdmission admission = new ConnectionAdmission(new ConnectionLimits(1_000, 100), TrustedProxies.NONE);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger admitted = new AtomicInteger();
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        all.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            if (admission.admit("198.51.100.9") instanceof Admitted) {
              admitted.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : all) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(100, admitted.get());
    assertEquals(100, admission.connections("198.51.100.9"));
  }

  @Test
  void invalidLimitsAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, 1));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(1, 0));
  }
}
