package dev.signaling.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.signaling.core.Authenticator;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.core.SignalingException;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * An {@link Authenticator} for JSON Web Tokens (nimbus-jose-jwt), as the handshake's credential
 * ({@code ?token=}, {@code Authorization: Bearer}, or Socket.IO's {@code auth.token}).
 *
 * <pre>{@code
 * Authenticator jwt = JwtAuthenticator.builder()
 *     .hmacSecret(Files.readAllBytes(Path.of("/etc/signaling/jwt-secret")))   // HS256
 *     .build();
 * SignalingEngine engine = SignalingEngine.builder().authenticator(jwt).build();
 * }</pre>
 *
 * <p><b>Accepted</b>: HS256 with the shared secret (at least 32 bytes); RS256 and ES256 (P-256)
 * with the public keys of a JWKS, from a file or a URL (fetched, cached and refreshed by
 * nimbus). Nothing else: {@code alg: none}, other algorithms, and an HS256 token "signed" with an
 * RSA public key (only the shared secret ever verifies HS256) are refused.
 *
 * <p><b>Claims</b>: {@code exp} and {@code sub} are required; {@code nbf} is honoured; both with
 * a clock skew of 30 s by default. {@code iss} and {@code aud} are checked when configured. The
 * {@code sub} is the {@link Identity}'s subject; the {@code rooms} claim (an array of room names,
 * {@code "*"} for any) says which rooms it may enter, none when absent. All claims are the
 * identity's claims.
 *
 * <p><b>Refusals</b> ({@code unauthorized}) say what is wrong without detail an attacker could
 * use: {@code no token}, {@code token expired}, {@code token not yet valid}, {@code token issuer
 * not accepted}, {@code token audience not accepted}, {@code token lacks required claims},
 * {@code invalid rooms claim}, else {@code invalid token}. Tokens are never logged.
 *
 * <p><b>Threading</b>: with a secret or a JWKS file, verification is CPU only and answers on the
 * calling thread. With a JWKS URL a verification may have to fetch keys: it runs on the
 * builder's executor ({@link ForkJoinPool#commonPool()} unless given), never on the I/O thread.
 * Immutable and thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {
  /** The claim listing the rooms a token grants. */
  public static final String ROOMS_CLAIM = "rooms";
  /** Shortest HS256 secret accepted: 256 bits, as RFC 7518 requires. */
  public static final int MIN_SECRET_BYTES = 32;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Executor executor;

  private JwtAuthenticator(Builder builder) {
    DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
    jwtProcessor.setJWSKeySelector(keySelector(builder));
    JWTClaimsSet.Builder exactMatch = new JWTClaimsSet.Builder();
    if (builder.issuer != null) {
      exactMatch.issuer(builder.issuer);
    }
    Set<String> audience = builder.audience == null ? null : Set.of(builder.audience);
    InstantSource clock = builder.clock;
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        audience, exactMatch.build(), Set.of("exp", "sub"), null) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    claims.setMaxClockSkew(Math.toIntExact(builder.clockSkew.toSeconds()));
    jwtProcessor.setJWTClaimsSetVerifier(claims);
    this.processor = jwtProcessor;
    this.executor = builder.jwksUrl != null ? builder.executor : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletionStage<Identity> authenticate(Handshake handshake) {
    String token = handshake.credential().orElse(null);
    if (token == null) {
      return Authenticator.refuse("no token");
    }
    if (executor == null) {
      try {
        return CompletableFuture.completedStage(verify(token));
      } catch (SignalingException refused) {
        return CompletableFuture.failedStage(refused);
      }
    }
    return CompletableFuture.supplyAsync(() -> verify(token), executor);
  }

  /**
   * The identity {@code token} stands for.
   *
   * @throws SignalingException {@code unauthorized} when the token is refused
   */
  public Identity verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ExpiredJWTException e) {
      throw refused("token expired");
    } catch (KeySourceException e) {
      // The key set could not be fetched: the token may well be good, so "cannot check now"
      // (the client may retry), not a refusal.
      throw new SignalingException(ErrorCode.UNAVAILABLE, "key set unavailable");
    } catch (BadJWTException e) {
      throw refused(claimProblem(e.getMessage()));
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw refused("invalid token");
    }
    return identity(claims);
  }

  private static Identity identity(JWTClaimsSet claims) {
    Identity.Builder identity = Identity.builder(claims.getSubject());
    Object rooms = claims.getClaim(ROOMS_CLAIM);
    if (rooms == null) {
      identity.rooms(Set.of());
    } else if (rooms instanceof List<?> names && names.stream().allMatch(String.class::isInstance)) {
      Set<String> granted = new LinkedHashSet<>();
      names.forEach(name -> granted.add((String) name));
      identity.rooms(granted);
    } else {
      throw refused("invalid rooms claim");
    }
    claims.toJSONObject().forEach((name, value) -> {
      if (value != null) {
        identity.claim(name, value);
      }
    });
    return identity.build();
  }

  private static String claimProblem(String message) {
    String text = message == null ? "" : message;
    if (text.contains("before use time")) {
      return "token not yet valid";
    }
    if (text.contains("iss claim")) {
      return "token issuer not accepted";
    }
    if (text.contains("aud")) {
      return "token audience not accepted";
    }
    if (text.contains("missing required claims")) {
      return "token lacks required claims";
    }
    return "invalid token";
  }

  private static SignalingException refused(String reason) {
    return new SignalingException(ErrorCode.UNAUTHORIZED, reason);
  }

  /** Only the shared secret verifies HS256; only the JWKS's RSA and P-256 keys verify RS256/ES256. */
  private static JWSKeySelector<SecurityContext> keySelector(Builder builder) {
    JWSKeySelector<SecurityContext> hmac = builder.secret == null ? null
        : new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(builder.secret));
    JWKSource<SecurityContext> keys = null;
    if (builder.jwkSet != null) {
      keys = new ImmutableJWKSet<>(builder.jwkSet.toPublicJWKSet());
    } else if (builder.jwksUrl != null) {
      int timeoutMillis = Math.toIntExact(builder.jwksFetchTimeout.toMillis());
      keys = JWKSourceBuilder.<SecurityContext>create(builder.jwksUrl, new DefaultResourceRetriever(
              timeoutMillis, timeoutMillis, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
          .cache(builder.jwksCacheTtl.toMillis(), Duration.ofSeconds(15).toMillis())
          .build();
    }
    JWSKeySelector<SecurityContext> publicKeys = keys == null ? null
        : new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys);
    return (header, context) -> {
      JWSAlgorithm algorithm = header.getAlgorithm();
      if (JWSAlgorithm.HS256.equals(algorithm)) {
        return hmac != null ? hmac.selectJWSKeys(header, context) : List.<Key>of();
      }
      if (JWSAlgorithm.RS256.equals(algorithm) || JWSAlgorithm.ES256.equals(algorithm)) {
        return publicKeys != null ? publicKeys.selectJWSKeys(header, context) : List.<Key>of();
      }
      return new ArrayList<Key>();
    };
  }

  /** Builds a {@link JwtAuthenticator}: at least one key source (secret, JWKS file or URL). */
  public static final class Builder {
    private byte[] secret;
    private JWKSet jwkSet;
    private URL jwksUrl;
    private Duration jwksCacheTtl = Duration.ofMinutes(5);
    private Duration jwksFetchTimeout = Duration.ofSeconds(2);
    private String issuer;
    private String audience;
    private Duration clockSkew = Duration.ofSeconds(30);
    private InstantSource clock = InstantSource.system();
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /** Accepts HS256 tokens signed with {@code secret} (at least 32 bytes). */
    public Builder hmacSecret(byte[] secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException("an HS256 secret must hold at least " + MIN_SECRET_BYTES
            + " bytes, got " + secret.length);
      }
      this.secret = secret.clone();
      return this;
    }

    /**
     * Reads the HS256 secret from a file (its bytes, less one trailing newline), as {@code
     * --jwt-secret-file} does.
     */
    public Builder hmacSecretFile(Path file) throws IOException {
      return hmacSecret(readSecret(file));
    }

    /** Accepts RS256/ES256 tokens signed by a key of {@code keys} (only their public halves are kept). */
    public Builder jwkSet(JWKSet keys) {
      this.jwkSet = Objects.requireNonNull(keys, "keys");
      this.jwksUrl = null;
      return this;
    }

    /** As {@link #jwkSet}, read from a JWKS file ({@code {"keys": [...]}}). */
    public Builder jwksFile(Path file) throws IOException {
      try {
        return jwkSet(JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (ParseException e) {
        throw new IllegalArgumentException("not a JWK set: " + file + " (" + e.getMessage() + ")", e);
      }
    }

    /**
     * As {@link #jwkSet}, fetched from {@code url} and cached for {@code cacheTtl} (refreshed
     * when a token names an unknown key id, rate-limited by nimbus). Verifications run on the
     * {@link #executor}.
     */
    public Builder jwksUrl(URL url, Duration cacheTtl) {
      this.jwksUrl = Objects.requireNonNull(url, "url");
      Objects.requireNonNull(cacheTtl, "cacheTtl");
      if (cacheTtl.isNegative() || cacheTtl.isZero()) {
        throw new IllegalArgumentException("cacheTtl must be positive, got " + cacheTtl);
      }
      this.jwksCacheTtl = cacheTtl;
      this.jwkSet = null;
      return this;
    }

    /**
     * How long connecting to and reading the {@link #jwksUrl} may each take; 2 s by default
     * (nimbus's own default, 500 ms, refused good tokens when the key server or this host was
     * busy). A fetch that fails answers {@code unavailable}, not {@code unauthorized}.
     */
    public Builder jwksFetchTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("jwksFetchTimeout must be within (0, 1 min], got " + timeout);
      }
      this.jwksFetchTimeout = timeout;
      return this;
    }

    /** Requires this {@code iss}. Not checked by default. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Requires this value in {@code aud}. Not checked by default. */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Tolerance for {@code exp} and {@code nbf} between clocks; 30 s by default. */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("clockSkew must be within 0..1h, got " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** The clock {@code exp} and {@code nbf} are checked against; the system clock by default. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where verifications against a JWKS URL run (they may fetch keys); the common pool by default. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public JwtAuthenticator build() {
      if (secret == null && jwkSet == null && jwksUrl == null) {
        throw new IllegalStateException("no key: give hmacSecret, jwkSet, jwksFile or jwksUrl");
      }
      return new JwtAuthenticator(this);
    }
  }

  /** A secret file's bytes, without one trailing newline (editors add one). */
  static byte[] readSecret(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\n') {
      length--;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
    }
    return java.util.Arrays.copyOf(bytes, length);
  }
}
