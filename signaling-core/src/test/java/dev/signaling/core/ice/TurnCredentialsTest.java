package dev.signaling.core.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
  /**
   * coturn's own examples (examples/scripts/restapi in its sources and Debian's package): the
   * shared secret {@code logen} (turnserver {@code --static-auth-secret=logen}) and the user
   * {@code ninefingers} (turnutils_uclient {@code -u ninefingers -W logen}).
   */
  private static final byte[] COTURN_EXAMPLE_SECRET = "logen".getBytes(StandardCharsets.UTF_8);

  // The expected passwords were computed outside Java, with OpenSSL:
  //   printf '%s' '1735689600:ninefingers' | openssl dgst -sha1 -hmac logen -binary | base64
  //   printf '%s' '4102444800:user:with:colons' | openssl dgst -sha1 -hmac north -binary | base64

  @Test
  void usernameIsExpiryColonUserIdAndPasswordIsBase64HmacSha1OfIt() {
    TurnCredentials credentials = TurnCredentials.issue(
        COTURN_EXAMPLE_SECRET, "ninefingers", Instant.ofEpochSecond(1_735_689_600L));

    assertEquals("1735689600:ninefingers", credentials.username());
    assertEquals("1yokUmhkWCq1o9iGgHUy6ex6dlk=", credentials.password());
    assertEquals(Instant.ofEpochSecond(1_735_689_600L), credentials.expiresAt());
  }

  @Test
  void aUserIdMayHoldColonsTheTimestampIsEverythingBeforeTheFirst() {
    TurnCredentials credentials = TurnCredentials.issue(
        "north".getBytes(StandardCharsets.UTF_8), "user:with:colons", Instant.ofEpochSecond(4_102_444_800L));

    assertEquals("4102444800:user:with:colons", credentials.username());
    assertEquals("kIafJCiUQpKNCHsfTjh/1DfIT10=", credentials.password());
  }

  @Test
  void theExpiryIsRoundedDownToTheSecond() {
    TurnCredentials credentials = TurnCredentials.issue(
        COTURN_EXAMPLE_SECRET, "ninefingers", Instant.ofEpochSecond(1_735_689_600L, 999_999_999));

    assertEquals("1735689600:ninefingers", credentials.username());
    assertEquals(Instant.ofEpochSecond(1_735_689_600L), credentials.expiresAt());
  }

  @Test
  void anotherSecretOrUserOrExpiryGivesAnotherPassword() {
    Instant expiry = Instant.ofEpochSecond(1_735_689_600L);
    String password = TurnCredentials.issue(COTURN_EXAMPLE_SECRET, "ninefingers", expiry).password();

    assertFalse(password.equals(TurnCredentials.issue("logen2".getBytes(StandardCharsets.UTF_8), "ninefingers", expiry).password()));
    assertFalse(password.equals(TurnCredentials.issue(COTURN_EXAMPLE_SECRET, "gorst", expiry).password()));
    assertFalse(password.equals(TurnCredentials.issue(COTURN_EXAMPLE_SECRET, "ninefingers", expiry.plusSeconds(1)).password()));
  }

  @Test
  void emptySecretEmptyUserOrAUsernameOverStunsLimitAreRefused() {
    Instant expiry = Instant.ofEpochSecond(1_735_689_600L);
    IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
        () -> TurnCredentials.issue(new byte[0], "u", expiry));
    assertTrue(noSecret.getMessage().contains("secret"), noSecret.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TurnCredentials.issue(COTURN_EXAMPLE_SECRET, "", expiry));
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> TurnCredentials.issue(COTURN_EXAMPLE_SECRET, "x".repeat(502), expiry));
    assertTrue(tooLong.getMessage().contains("513 bytes"), tooLong.getMessage());
    // 10 digits, a colon and 501 characters: 512 bytes, the most STUN allows.
    assertEquals(512, TurnCredentials.issue(COTURN_EXAMPLE_SECRET, "x".repeat(501), expiry).username().length());
  }

  @Test
  void toStringNeverShowsThePassword() {
    TurnCredentials credentials = TurnCredentials.issue(
        COTURN_EXAMPLE_SECRET, "ninefingers", Instant.ofEpochSecond(1_735_689_600L));

    assertFalse(credentials.toString().contains(credentials.password()), credentials.toString());
  }
}
