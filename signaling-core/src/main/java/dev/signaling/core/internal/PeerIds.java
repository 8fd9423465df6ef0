package dev.signaling.core.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** Unguessable peer ids: 128 random bits from a {@link SecureRandom}, base64url without padding. */
public final class PeerIds implements Supplier<String> {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private final SecureRandom random = new SecureRandom();

  @Override
  public String get() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
