package dev.signaling.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;

/**
 * Fuzz test of the JWT path, the one decoder of untrusted text in this module. In a normal build
 * it replays its committed inputs ({@code JwtFuzzTestInputs} resources); with {@code JAZZER_FUZZ=1}
 * Jazzer generates inputs (docs/SECURITY.md, "Running the fuzzers").
 *
 * <p>What holds for every input: a token is either refused with {@code unauthorized} (nothing
 * else escapes: no parse exception, no NullPointerException, no hang), or it is accepted and then
 * carries exactly the identity the secret's holder signed — a token built or mutated by the fuzzer
 * never yields another subject or other rooms.
 */
class JwtFuzzTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final JwtAuthenticator AUTHENTICATOR = JwtAuthenticator.builder()
      .hmacSecret(TestTokens.SECRET)
      .clock(InstantSource.fixed(NOW))
      .build();
  /** The one genuine token: inputs may splice their bytes into it. */
  private static final String SIGNED = HmacTokenIssuer.builder()
      .secret(TestTokens.SECRET)
      .clock(InstantSource.fixed(NOW))
      .build()
      .issue("alice", Set.of("a"), Duration.ofHours(1));

  @FuzzTest(maxDuration = "5m")
  void tokensAreRefusedOrCarryOnlyWhatWasSigned(FuzzedDataProvider data) {
    String token;
    if (data.consumeBoolean()) {
      // Mutate the genuine token: replace a span of it with fuzzer text.
      int from = data.consumeInt(0, SIGNED.length());
      int to = data.consumeInt(from, SIGNED.length());
      token = SIGNED.substring(0, from) + data.consumeString(200) + SIGNED.substring(to);
    } else {
      token = data.consumeRemainingAsString();
    }
    Identity identity;
    try {
      identity = AUTHENTICATOR.verify(token);
    } catch (SignalingException refused) {
      assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
      assertNotNull(refused.getMessage());
      return;
    }
    assertEquals("alice", identity.subject().orElseThrow(), "an accepted token names the signed subject");
    assertTrue(identity.mayEnter("a"), "an accepted token grants the signed room");
    assertTrue(!identity.mayEnter("b") && !identity.mayEnter("*"), "and no other room");
  }
}
