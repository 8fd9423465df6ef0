package dev.signaling.spring.boot.internal;

import dev.signaling.auth.jwt.JwtAuthenticator;
import dev.signaling.core.Authenticator;
import dev.signaling.spring.boot.SignalingProperties;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds the JWT authenticator from {@code signaling.auth.jwt.*}; loaded only with signaling-auth-jwt. */
public final class JwtAuthenticatorFactory {
  private JwtAuthenticatorFactory() {}

  public static Authenticator create(SignalingProperties.Jwt jwt) {
    if (jwt.getJwksFile() != null && jwt.getJwksUrl() != null) {
      throw new IllegalArgumentException("set signaling.auth.jwt.jwks-file or signaling.auth.jwt.jwks-url, not both");
    }
    JwtAuthenticator.Builder builder = JwtAuthenticator.builder();
    try {
      if (jwt.getSecretFile() != null) {
        builder.hmacSecretFile(jwt.getSecretFile());
      }
      if (jwt.getJwksFile() != null) {
        builder.jwksFile(jwt.getJwksFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key file of signaling.auth.jwt: " + e.getMessage(), e);
    }
    if (jwt.getJwksUrl() != null) {
      builder.jwksUrl(jwt.getJwksUrl(), jwt.getJwksCacheTtl());
    }
    if (jwt.getIssuer() != null) {
      builder.issuer(jwt.getIssuer());
    }
    if (jwt.getAudience() != null) {
      builder.audience(jwt.getAudience());
    }
    return builder.clockSkew(jwt.getClockSkew()).build();
  }
}
