package dev.signaling.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and tokens for tests, good and bad: an HS256 secret, an RSA and a P-256 key pair (their
 * public halves as a JWKS), and the tokens an attacker or a broken client would present. Public
 * in this module's test-jar: the example server's, containers' and browser tests use it.
 */
public final class TestTokens {
  /** The shared HS256 secret (40 bytes). */
  public static final byte[] SECRET = "test-secret-0123456789-abcdefghijklmnopq".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER_SECRET = "another-secret-0123456789-abcdefghijklmn".getBytes(StandardCharsets.US_ASCII);

  public final RSAKey rsa;
  public final ECKey ec;

  private TestTokens(RSAKey rsa, ECKey ec) {
    this.rsa = rsa;
    this.ec = ec;
  }

  /** Fresh key pairs (RSA 2048, P-256). */
  public static TestTokens create() {
    try {
      return new TestTokens(new RSAKeyGenerator(2048).keyID("rsa-1").generate(),
          new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public keys as a JWK set. */
  public JWKSet publicJwks() {
    return new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
  }

  /** Writes the public JWKS to {@code file}. */
  public Path writeJwks(Path file) throws IOException {
    return Files.writeString(file, publicJwks().toString(true));
  }

  /** Writes {@link #SECRET} to {@code file}, with a trailing newline as editors leave one. */
  public static Path writeSecret(Path file) throws IOException {
    return Files.write(file, (new String(SECRET, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Claims for {@code subject} granting {@code rooms}, valid from {@code now - 1 s} for {@code ttl}. */
  public static JWTClaimsSet claims(String subject, List<String> rooms, Instant now, Duration ttl) {
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .claim(JwtAuthenticator.ROOMS_CLAIM, new ArrayList<>(rooms))
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(1)))
        .expirationTime(Date.from(now.plus(ttl)))
        .build();
  }

  public static String hs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.HS256, null, claims, macSigner(SECRET));
  }

  public String rs256(JWTClaimsSet claims) {
    try {
      return sign(JWSAlgorithm.RS256, rsa.getKeyID(), claims, new RSASSASigner(rsa));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String es256(JWTClaimsSet claims) {
    try {
      return sign(JWSAlgorithm.ES256, ec.getKeyID(), claims, new ECDSASigner(ec));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsecured token: {@code {"alg":"none"}} and no signature. */
  public static String algNone(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /**
   * The classic algorithm confusion: HS256 "signed" with the RSA public key's encoding as the
   * HMAC secret, hoping the server verifies HS256 with whatever key it has.
   */
  public String hs256WithRsaPublicKey(JWTClaimsSet claims) {
    try {
      byte[] publicKey = rsa.toRSAPublicKey().getEncoded();
      return sign(JWSAlgorithm.HS256, rsa.getKeyID(), claims, macSigner(publicKey));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HS256 with a secret the server does not know. */
  public static String hs256WithOtherSecret(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.HS256, null, claims, macSigner(OTHER_SECRET));
  }

  /** {@code token} with its payload replaced by one granting every room; the signature is kept. */
  public static String tampered(String token) {
    String[] parts = token.split("\\.");
    String payload = Base64URL.from(parts[1]).decodeToString();
    String widened = payload.replaceFirst("\"rooms\":\\[[^\\]]*\\]", "\"rooms\":[\"*\"]");
    if (widened.equals(payload)) {
      throw new IllegalArgumentException("no rooms claim to widen in " + payload);
    }
    return parts[0] + "." + Base64URL.encode(widened.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  /**
   * Every refused case of the issue, by what it is ("" = no token), for a server with {@link
   * #SECRET} and this instance's JWKS; each would grant {@code room} if it were accepted.
   */
  public Map<String, String> refused(String room, Instant now) {
    JWTClaimsSet valid = claims("mallory", List.of(room), now, Duration.ofHours(1));
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("no token", "");
    tokens.put("a tampered token", tampered(hs256(claims("mallory", List.of("elsewhere"), now, Duration.ofHours(1)))));
    tokens.put("an expired token", hs256(claims("mallory", List.of(room), now.minus(Duration.ofHours(2)), Duration.ofHours(1))));
    tokens.put("a not yet valid token", hs256(new JWTClaimsSet.Builder(valid)
        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10)))).build()));
    tokens.put("an alg none token", algNone(valid));
    tokens.put("an HS256 token signed with the RSA public key", hs256WithRsaPublicKey(valid));
    tokens.put("a token signed with another secret", hs256WithOtherSecret(valid));
    return tokens;
  }

  private static MACSigner macSigner(byte[] secret) {
    try {
      return new MACSigner(secret);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims, JWSSigner signer) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
