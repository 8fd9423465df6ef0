package dev.signaling.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a resume token, as 64 lower-case hex digits: how a session is named
 * anywhere but in the connection that holds its token (the engine's session index, requests
 * between cluster nodes), so the secret itself is never stored or sent elsewhere.
 */
public final class TokenDigest {
  private TokenDigest() {}

  public static String of(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
