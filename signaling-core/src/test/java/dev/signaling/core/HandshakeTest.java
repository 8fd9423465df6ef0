package dev.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeTest {

  @Test
  void theTokenQueryParameterIsTheCredential() {
    Handshake handshake = Handshake.builder().rawQuery("room=a&token=abc%2Bdef").build();
    assertEquals(Optional.of("abc+def"), handshake.credential());
    assertEquals(Optional.of("a"), handshake.queryParameter("room"));
  }

  @Test
  void aBearerAuthorizationHeaderIsTheCredentialWhenThereIsNoTokenParameter() {
    Handshake handshake = Handshake.builder()
        .headers(Map.of("Authorization", List.of("Bearer eyJ.x.y"))).build();
    assertEquals(Optional.of("eyJ.x.y"), handshake.credential());
    assertTrue(handshake.headers().isEmpty(), "the Authorization header itself is not kept");
  }

  @Test
  void aNonBearerAuthorizationIsNoCredential() {
    Handshake handshake = Handshake.builder().header("authorization", "Basic dXNlcjpwYXNz").build();
    assertEquals(Optional.empty(), handshake.credential());
  }

  @Test
  void anExplicitCredentialReplacesTheNativeRule() {
    Handshake handshake = Handshake.builder().rawQuery("token=from-query").credential("from-auth").build();
    assertEquals(Optional.of("from-auth"), handshake.credential());
    assertEquals(Optional.empty(), Handshake.builder().rawQuery("token=q").credential(null).build().credential());
  }

  @Test
  void onlyKeptHeadersAreKeptInLowerCase() {
    Handshake handshake = Handshake.builder()
        .header("Origin", "https://app.example")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .build();
    assertEquals(Optional.of("https://app.example"), handshake.origin());
    assertEquals(Optional.of("203.0.113.9"), handshake.header("x-forwarded-for"));
    assertEquals(Optional.empty(), handshake.header("Sec-WebSocket-Key"));
  }

  @Test
  void aNumericRemoteAddressIsKeptWithoutALookup() {
    assertEquals(Optional.of("127.0.0.1"), Handshake.builder().remoteAddress("127.0.0.1", 5000).build().remoteHost());
    assertEquals(Optional.of("0:0:0:0:0:0:0:1"), Handshake.builder().remoteAddress("::1", 5000).build().remoteHost());
    assertEquals(5000, Handshake.builder().remoteAddress("[::1]", 5000).build().remoteAddress().orElseThrow().getPort());
    assertTrue(Handshake.builder().remoteAddress("proxy.internal", 1).build().remoteAddress().orElseThrow().isUnresolved());
    assertEquals(Optional.empty(), Handshake.builder().build().remoteAddress());
  }

  @Test
  void toStringNeverShowsTheCredential() {
    Handshake handshake = Handshake.builder().path("/signaling")
        .rawQuery("token=s3cr3t&room=a").header("cookie", "session=c00kie").build();
    String text = handshake.toString();
    assertFalse(text.contains("s3cr3t"), text);
    assertFalse(text.contains("c00kie"), text);
    assertTrue(text.contains("credential=<present>"), text);
    assertTrue(text.contains("/signaling"), text);
  }

  @Test
  void redactQueryHidesEveryTokenParameter() {
    assertEquals("room=a&token=<redacted>&x&token=<redacted>",
        Handshake.redactQuery("room=a&token=abc&x&token=def"));
    assertEquals("tok%65n=<redacted>", Handshake.redactQuery("tok%65n=abc"));
    assertEquals(null, Handshake.redactQuery(null));
    assertEquals("a=1", Handshake.redactQuery("a=1"));
  }

  @Test
  void queryParametersAreAnImmutableMultiMap() {
    Handshake handshake = Handshake.builder().rawQuery("a=1&a=2&b&bad=%zz").build();
    assertEquals(Map.of("a", List.of("1", "2"), "b", List.of("")), handshake.queryParameters());
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> handshake.queryParameters().put("c", List.of()));
  }

  @Test
  void withCredentialCopiesTheRest() {
    Handshake original = Handshake.builder().path("/socket.io/").remoteAddress("10.0.0.1", 1)
        .header("origin", "https://a.example").attribute(Handshake.HTTP_SESSION, "session").build();
    Handshake copy = original.withCredential("t");
    assertEquals(Optional.of("t"), copy.credential());
    assertEquals(original.remoteHost(), copy.remoteHost());
    assertEquals(original.origin(), copy.origin());
    assertEquals(Optional.of("session"), copy.attribute(Handshake.HTTP_SESSION, String.class));
    assertEquals("/socket.io/", copy.path());
  }
}
