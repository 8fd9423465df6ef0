package dev.signaling.examples.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminAccessTest {
  private static final HttpRoute STATS = request ->
      request.path().equals("/admin/stats") ? HttpResponse.text(200, "stats") : null;
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress IPV6_LOOPBACK = new InetSocketAddress("::1", 40000);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.7", 40000);

  @Test
  void withoutATokenOnlyLoopbackClientsGetIn() {
    AdminAccess access = AdminAccess.guard(STATS, Optional.empty());
    assertEquals(200, access.handle(get("/admin/stats", LOOPBACK, null)).status());
    assertEquals(200, access.handle(get("/admin/stats", IPV6_LOOPBACK, null)).status());
    assertEquals(403, access.handle(get("/admin/stats", REMOTE, null)).status());
    assertEquals(403, access.handle(get("/admin/stats", null, null)).status(), "unknown address: refused");
  }

  @Test
  void withATokenEveryClientNeedsIt() {
    AdminAccess access = AdminAccess.guard(STATS, Optional.of("t0ken"));
    assertEquals(401, access.handle(get("/admin/stats", LOOPBACK, null)).status(), "loopback too");
    assertEquals(401, access.handle(get("/admin/stats", REMOTE, "Bearer wrong")).status());
    assertEquals(401, access.handle(get("/admin/stats", REMOTE, "Basic dDBrZW4=")).status());
    assertEquals(200, access.handle(get("/admin/stats", REMOTE, "Bearer t0ken")).status());
  }

  @Test
  void pathsTheRouteDoesNotServeStayUnanswered() {
    assertNull(AdminAccess.guard(STATS, Optional.of("t0ken")).handle(get("/other", REMOTE, null)));
  }

  private static HttpRequest get(String path, InetSocketAddress from, String authorization) {
    return new HttpRequest("GET", path, null,
        authorization == null ? Map.of() : Map.of("authorization", authorization), from, null);
  }
}
