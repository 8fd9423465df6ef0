package dev.signaling.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.Objects;
import java.util.Set;

/**
 * Mints HS256 tokens that a {@link JwtAuthenticator} with the same secret accepts: what an
 * application's backend hands its users before they connect, and what the example server's
 * {@code token} command prints.
 *
 * <pre>{@code
 * String token = HmacTokenIssuer.builder().secret(secret).build()
 *     .issue("alice", Set.of("standup"), Duration.ofHours(1));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class HmacTokenIssuer {
  private final MACSigner signer;
  private final String issuer;
  private final String audience;
  private final InstantSource clock;

  private HmacTokenIssuer(Builder builder) {
    try {
      this.signer = new MACSigner(builder.secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
    }
    this.issuer = builder.issuer;
    this.audience = builder.audience;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A token for {@code subject} granting {@code rooms} ({@code "*"}: any), valid from now for
   * {@code ttl}.
   */
  public String issue(String subject, Set<String> rooms, Duration ttl) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(rooms, "rooms");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .claim(JwtAuthenticator.ROOMS_CLAIM, new ArrayList<>(rooms));
    if (issuer != null) {
      claims.issuer(issuer);
    }
    if (audience != null) {
      claims.audience(audience);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  public static final class Builder {
    private byte[] secret;
    private String issuer;
    private String audience;
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /** The shared secret, at least 32 bytes. */
    public Builder secret(byte[] secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length < JwtAuthenticator.MIN_SECRET_BYTES) {
        throw new IllegalArgumentException("an HS256 secret must hold at least " + JwtAuthenticator.MIN_SECRET_BYTES
            + " bytes, got " + secret.length);
      }
      this.secret = secret.clone();
      return this;
    }

    /** The secret from a file, read as {@link JwtAuthenticator.Builder#hmacSecretFile} reads it. */
    public Builder secretFile(Path file) throws IOException {
      return secret(JwtAuthenticator.readSecret(file));
    }

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public HmacTokenIssuer build() {
      if (secret == null) {
        throw new IllegalStateException("no secret");
      }
      return new HmacTokenIssuer(this);
    }
  }
}
