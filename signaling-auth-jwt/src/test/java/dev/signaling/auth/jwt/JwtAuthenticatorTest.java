package dev.signaling.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final TestTokens KEYS = TestTokens.create();

  @TempDir
  Path dir;

  private static JwtAuthenticator hmac() {
    return JwtAuthenticator.builder().hmacSecret(TestTokens.SECRET).clock(InstantSource.fixed(NOW)).build();
  }

  private JwtAuthenticator hmacAndJwks() throws IOException {
    return JwtAuthenticator.builder()
        .hmacSecret(TestTokens.SECRET)
        .jwksFile(KEYS.writeJwks(dir.resolve("jwks.json")))
        .clock(InstantSource.fixed(NOW))
        .build();
  }

  private static JWTClaimsSet valid(String... rooms) {
    return TestTokens.claims("alice", List.of(rooms), NOW, Duration.ofHours(1));
  }

  private static String refusal(JwtAuthenticator authenticator, String token) {
    SignalingException refused = assertThrows(SignalingException.class, () -> authenticator.verify(token));
    assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
    return refused.getMessage();
  }

  @Test
  void anHs256TokenGivesItsSubjectAndExactlyItsRooms() {
    Identity identity = hmac().verify(TestTokens.hs256(valid("a", "b")));
    assertEquals("alice", identity.subject().orElseThrow());
    assertTrue(identity.mayEnter("a"));
    assertTrue(identity.mayEnter("b"));
    assertFalse(identity.mayEnter("c"));
    assertEquals(List.of("a", "b"), identity.claims().get("rooms"));
  }

  @Test
  void aStarRoomGrantsEveryRoomAndNoRoomsClaimGrantsNone() {
    assertTrue(hmac().verify(TestTokens.hs256(valid("*"))).mayEnter("anything"));
    JWTClaimsSet noRooms = new JWTClaimsSet.Builder(valid()).claim("rooms", null).build();
    assertFalse(hmac().verify(TestTokens.hs256(noRooms)).mayEnter("a"));
  }

  @Test
  void aRoomsClaimThatIsNotAnArrayOfNamesIsRefused() {
    JWTClaimsSet bad = new JWTClaimsSet.Builder(valid()).claim("rooms", "a").build();
    assertEquals("invalid rooms claim", refusal(hmac(), TestTokens.hs256(bad)));
    JWTClaimsSet numbers = new JWTClaimsSet.Builder(valid()).claim("rooms", List.of(1, 2)).build();
    assertEquals("invalid rooms claim", refusal(hmac(), TestTokens.hs256(numbers)));
  }

  @Test
  void theCredentialComesFromTheHandshake() throws Exception {
    String token = TestTokens.hs256(valid("a"));
    Identity identity = hmac().authenticate(Handshake.builder().rawQuery("token=" + token).build())
        .toCompletableFuture().get();
    assertEquals("alice", identity.subject().orElseThrow());
    ExecutionException none = assertThrows(ExecutionException.class,
        () -> hmac().authenticate(Handshake.empty()).toCompletableFuture().get());
    assertEquals("no token", none.getCause().getMessage());
  }

  @Test
  void expiryIsRequiredAndHonouredWithTheClockSkew() {
    JwtAuthenticator authenticator = hmac();
    JWTClaimsSet expiredRecently = new JWTClaimsSet.Builder(valid("a")).expirationTime(Date.from(NOW.minusSeconds(20))).build();
    assertEquals("alice", authenticator.verify(TestTokens.hs256(expiredRecently)).subject().orElseThrow(),
        "20 s past exp is within the default 30 s skew");
    JWTClaimsSet expired = new JWTClaimsSet.Builder(valid("a")).expirationTime(Date.from(NOW.minusSeconds(40))).build();
    assertEquals("token expired", refusal(authenticator, TestTokens.hs256(expired)));
    JWTClaimsSet noExpiry = new JWTClaimsSet.Builder(valid("a")).expirationTime(null).build();
    assertEquals("token lacks required claims", refusal(authenticator, TestTokens.hs256(noExpiry)));
  }

  @Test
  void notBeforeIsHonouredWithTheClockSkew() {
    JWTClaimsSet soon = new JWTClaimsSet.Builder(valid("a")).notBeforeTime(Date.from(NOW.plusSeconds(20))).build();
    assertEquals("alice", hmac().verify(TestTokens.hs256(soon)).subject().orElseThrow());
    JWTClaimsSet later = new JWTClaimsSet.Builder(valid("a")).notBeforeTime(Date.from(NOW.plusSeconds(40))).build();
    assertEquals("token not yet valid", refusal(hmac(), TestTokens.hs256(later)));
  }

  @Test
  void theClockSkewIsConfigurable() {
    JwtAuthenticator strict = JwtAuthenticator.builder().hmacSecret(TestTokens.SECRET)
        .clock(InstantSource.fixed(NOW)).clockSkew(Duration.ZERO).build();
    JWTClaimsSet expiredRecently = new JWTClaimsSet.Builder(valid("a")).expirationTime(Date.from(NOW.minusSeconds(1))).build();
    assertEquals("token expired", refusal(strict, TestTokens.hs256(expiredRecently)));
  }

  @Test
  void aTokenWithoutSubjectIsRefused() {
    JWTClaimsSet anonymous = new JWTClaimsSet.Builder(valid("a")).subject(null).build();
    assertEquals("token lacks required claims", refusal(hmac(), TestTokens.hs256(anonymous)));
  }

  @Test
  void aTamperedTokenIsRefused() {
    String tampered = TestTokens.tampered(TestTokens.hs256(valid("a")));
    assertEquals("invalid token", refusal(hmac(), tampered));
  }

  @Test
  void algNoneIsRefused() throws IOException {
    assertEquals("invalid token", refusal(hmac(), TestTokens.algNone(valid("a"))));
    assertEquals("invalid token", refusal(hmacAndJwks(), TestTokens.algNone(valid("a"))));
  }

  @Test
  void hs256SignedWithTheRsaPublicKeyIsRefused() throws IOException {
    String confused = KEYS.hs256WithRsaPublicKey(valid("*"));
    assertEquals("invalid token", refusal(hmacAndJwks(), confused));
    JwtAuthenticator jwksOnly = JwtAuthenticator.builder().jwkSet(KEYS.publicJwks()).clock(InstantSource.fixed(NOW)).build();
    assertEquals("invalid token", refusal(jwksOnly, confused));
  }

  @Test
  void aTokenSignedWithAnotherSecretOrGarbageIsRefused() {
    assertEquals("invalid token", refusal(hmac(), TestTokens.hs256WithOtherSecret(valid("a"))));
    assertEquals("invalid token", refusal(hmac(), "not.a.jwt"));
    assertEquals("invalid token", refusal(hmac(), "garbage"));
  }

  @Test
  void rs256AndEs256TokensAreVerifiedWithTheJwksFile() throws IOException {
    JwtAuthenticator authenticator = hmacAndJwks();
    assertTrue(authenticator.verify(KEYS.rs256(valid("a"))).mayEnter("a"));
    assertTrue(authenticator.verify(KEYS.es256(valid("b"))).mayEnter("b"));
  }

  @Test
  void publicKeyTokensAreRefusedWithoutAJwksAndByAnotherKey() {
    assertEquals("invalid token", refusal(hmac(), KEYS.rs256(valid("a"))));
    TestTokens stranger = TestTokens.create();
    JwtAuthenticator authenticator = JwtAuthenticator.builder().jwkSet(KEYS.publicJwks()).clock(InstantSource.fixed(NOW)).build();
    assertEquals("invalid token", refusal(authenticator, stranger.rs256(valid("a"))));
    assertEquals("invalid token", refusal(authenticator, stranger.es256(valid("a"))));
  }

  @Test
  void issuerAndAudienceAreCheckedWhenConfigured() {
    JwtAuthenticator authenticator = JwtAuthenticator.builder().hmacSecret(TestTokens.SECRET)
        .issuer("https://auth.example").audience("signaling").clock(InstantSource.fixed(NOW)).build();
    JWTClaimsSet right = new JWTClaimsSet.Builder(valid("a")).issuer("https://auth.example").audience("signaling").build();
    assertEquals("alice", authenticator.verify(TestTokens.hs256(right)).subject().orElseThrow());
    JWTClaimsSet wrongIssuer = new JWTClaimsSet.Builder(right).issuer("https://evil.example").build();
    assertEquals("token issuer not accepted", refusal(authenticator, TestTokens.hs256(wrongIssuer)));
    JWTClaimsSet wrongAudience = new JWTClaimsSet.Builder(right).audience("billing").build();
    assertEquals("token audience not accepted", refusal(authenticator, TestTokens.hs256(wrongAudience)));
    JWTClaimsSet noAudience = new JWTClaimsSet.Builder(right).audience((String) null).build();
    assertFalse(refusal(authenticator, TestTokens.hs256(noAudience)).isEmpty());
  }

  @Test
  void everyRefusedCaseOfTheIssueIsRefused() throws IOException {
    JwtAuthenticator authenticator = hmacAndJwks();
    for (Map.Entry<String, String> bad : KEYS.refused("a", NOW).entrySet()) {
      String token = bad.getValue();
      Handshake handshake = token.isEmpty() ? Handshake.empty() : Handshake.builder().credential(token).build();
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> authenticator.authenticate(handshake).toCompletableFuture().get(), bad.getKey());
      assertEquals(ErrorCode.UNAUTHORIZED, ((SignalingException) refused.getCause()).code(), bad.getKey());
    }
  }

  @Test
  void secretsShorterThan32BytesAndNoKeyAtAllAreRejectedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> JwtAuthenticator.builder().hmacSecret(new byte[31]));
    assertThrows(IllegalStateException.class, () -> JwtAuthenticator.builder().build());
    assertThrows(IllegalArgumentException.class, () -> HmacTokenIssuer.builder().secret(new byte[16]));
  }

  @Test
  void aSecretFileLosesItsTrailingNewlineOnly() throws IOException {
    Path file = TestTokens.writeSecret(dir.resolve("secret"));
    JwtAuthenticator authenticator = JwtAuthenticator.builder().hmacSecretFile(file).clock(InstantSource.fixed(NOW)).build();
    assertEquals("alice", authenticator.verify(TestTokens.hs256(valid("a"))).subject().orElseThrow());
    Files.writeString(file, "x".repeat(31) + "\n");
    assertThrows(IllegalArgumentException.class, () -> JwtAuthenticator.builder().hmacSecretFile(file));
  }

  @Test
  void theIssuerMintsTokensTheAuthenticatorAccepts() {
    HmacTokenIssuer issuer = HmacTokenIssuer.builder().secret(TestTokens.SECRET).clock(InstantSource.fixed(NOW)).build();
    String token = issuer.issue("bob", Set.of("standup"), Duration.ofMinutes(5));
    Identity bob = hmac().verify(token);
    assertEquals("bob", bob.subject().orElseThrow());
    assertTrue(bob.mayEnter("standup"));
    assertFalse(bob.mayEnter("other"));
    JwtAuthenticator later = JwtAuthenticator.builder().hmacSecret(TestTokens.SECRET)
        .clock(InstantSource.fixed(NOW.plus(Duration.ofMinutes(6)))).build();
    assertEquals("token expired", refusal(later, token));
  }

  @Test
  void aJwksUrlIsFetchedOnceAndCached() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    byte[] jwks = KEYS.publicJwks().toString(true).getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks.json", exchange -> {
      fetches.incrementAndGet();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    server.start();
    try {
      URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
      JwtAuthenticator authenticator = JwtAuthenticator.builder().jwksUrl(url, Duration.ofMinutes(5))
          .clock(InstantSource.fixed(NOW)).build();
      for (int i = 0; i < 3; i++) {
        Identity identity = authenticator.authenticate(Handshake.builder().credential(KEYS.rs256(valid("a"))).build())
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(identity.mayEnter("a"));
      }
      assertEquals(1, fetches.get(), "the key set is cached");
      ExecutionException refused = assertThrows(ExecutionException.class, () -> authenticator
          .authenticate(Handshake.builder().credential(KEYS.hs256WithRsaPublicKey(valid("a"))).build())
          .toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals("invalid token", refused.getCause().getMessage());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aKeySetThatCannotBeFetchedAnswersUnavailableNotUnauthorized() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks.json", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    try {
      URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
      JwtAuthenticator authenticator = JwtAuthenticator.builder().jwksUrl(url, Duration.ofMinutes(5))
          .clock(InstantSource.fixed(NOW)).build();
      ExecutionException failed = assertThrows(ExecutionException.class, () -> authenticator
          .authenticate(Handshake.builder().credential(KEYS.rs256(valid("a"))).build())
          .toCompletableFuture().get(10, TimeUnit.SECONDS));
      SignalingException cause = assertInstanceOf(SignalingException.class, failed.getCause());
      assertEquals(ErrorCode.UNAVAILABLE, cause.code());
    } finally {
      server.stop(0);
    }
  }
}
