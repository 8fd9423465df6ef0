package dev.signaling.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "2001:db8::/32"));

  @Test
  void headersFromAnUntrustedPeerAreIgnored() {
    assertEquals("203.0.113.5", proxies.clientAddress("203.0.113.5", "for=198.51.100.1", "198.51.100.1"));
    assertEquals("127.0.0.1", TrustedProxies.NONE.clientAddress("127.0.0.1", null, "198.51.100.1"));
  }

  @Test
  void aTrustedProxyNamesTheClientInXForwardedFor() {
    assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", null, "198.51.100.1"));
  }

  @Test
  void theRightmostUntrustedHopWinsOverAForgedLeftPart() {
    // The client forged "1.2.3.4"; the proxy chain appended the client's real address and its own.
    assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", null, "1.2.3.4, 198.51.100.1, 10.9.9.9"));
  }

  @Test
  void forwardedIsPreferredAndItsQuotesBracketsAndPortsAreRead() {
    assertEquals("2001:db9:0:0:0:0:0:1",
        proxies.clientAddress("10.0.0.1", "for=192.0.2.60;proto=http, for=\"[2001:db9::1]:4711\"", "192.0.2.60"));
    assertEquals("192.0.2.60", proxies.clientAddress("10.0.0.1", "For=\"192.0.2.60:8080\"", null));
  }

  @Test
  void garbageOrUnknownStopsAtTheLastCheckedHop() {
    assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.1", "for=unknown", null));
    assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.1", null, "evil.example.org"));
    assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.1", null, ""));
  }

  @Test
  void ipv4MappedAddressesAreNormalized() {
    assertEquals("192.0.2.1", TrustedProxies.NONE.clientAddress("::ffff:192.0.2.1", null, null));
    assertTrue(proxies.trusts("::ffff:10.0.0.5"));
  }

  @Test
  void rangesMatchByPrefix() {
    TrustedProxies narrow = TrustedProxies.of(List.of("192.168.1.128/25", "::1"));
    assertTrue(narrow.trusts("192.168.1.200"));
    assertFalse(narrow.trusts("192.168.1.100"));
    assertTrue(narrow.trusts("::1"));
    assertFalse(narrow.trusts("::2"));
    assertFalse(narrow.trusts("not-an-address"));
  }

  @Test
  void badRangesAreRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.local")));
    assertTrue(e.getMessage().contains("proxy.local"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/x")));
  }
}
