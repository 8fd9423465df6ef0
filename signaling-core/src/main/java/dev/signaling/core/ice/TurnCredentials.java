package dev.signaling.core.ice;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the "TURN REST API" form that coturn checks with {@code
 * use-auth-secret}: the username is {@code <expiry unix time>:<user id>} and the password is
 * {@code base64(HMAC-SHA1(secret, username))}. The TURN server recomputes the password from the
 * username and the secret it shares with this server, and refuses the username once its time
 * has passed; nothing is stored anywhere.
 *
 * @param username {@code <expiry>:<userId>}, the expiry in whole seconds since 1970 (UTC)
 * @param password base64 (standard alphabet, padded) of the HMAC-SHA1 of {@code username}
 * @param expiresAt the expiry the username carries
 */
public record TurnCredentials(String username, String password, Instant expiresAt) {
  /** A STUN USERNAME attribute holds fewer than 513 bytes (RFC 8489, section 14.3). */
  private static final int MAX_USERNAME_BYTES = 512;

  public TurnCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Signs credentials for {@code userId} that expire at {@code expiresAt} (rounded down to the
   * second).
   *
   * @param secret the secret shared with the TURN server (coturn's {@code static-auth-secret},
   *     as its UTF-8 bytes)
   * @throws IllegalArgumentException for an empty secret or user id, or a username too long for
   *     STUN
   */
  public static TurnCredentials issue(byte[] secret, String userId, Instant expiresAt) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (secret.length == 0) {
      throw new IllegalArgumentException("the TURN secret is empty");
    }
    if (userId.isEmpty()) {
      throw new IllegalArgumentException("the TURN user id is empty");
    }
    long expiry = expiresAt.getEpochSecond();
    String username = expiry + ":" + userId;
    byte[] usernameBytes = username.getBytes(StandardCharsets.UTF_8);
    if (usernameBytes.length > MAX_USERNAME_BYTES) {
      throw new IllegalArgumentException("TURN username of " + usernameBytes.length
          + " bytes is over STUN's limit of " + MAX_USERNAME_BYTES + " (user id too long)");
    }
    String password = Base64.getEncoder().encodeToString(hmacSha1(secret, usernameBytes));
    return new TurnCredentials(username, password, Instant.ofEpochSecond(expiry));
  }

  private static byte[] hmacSha1(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA1, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "TurnCredentials{username=" + username + ", expiresAt=" + expiresAt + "}";
  }
}
