package dev.signaling.core.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signaling.core.IceServer;
import dev.signaling.core.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnRestIceServersTest {
  private final MutableClock clock = new MutableClock();

  private TurnRestIceServers.Builder builder() {
    return TurnRestIceServers.builder()
        .turnUrls(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349?transport=tcp"))
        .secret("logen")
        .clock(clock);
  }

  @Test
  void answersOtherServersThenOneTurnEntryWithCredentialsValidForTheTtl() {
    TurnRestIceServers ice = builder()
        .otherServers(List.of(IceServer.of("stun:stun.example.org:3478")))
        .ttl(Duration.ofMinutes(10))
        .build();

    IceConfiguration answer = ice.issue("alice");

    Instant expiry = Instant.ofEpochSecond(clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond());
    assertEquals(expiry, answer.expiresAt().orElseThrow());
    assertEquals(2, answer.iceServers().size());
    assertEquals(IceServer.of("stun:stun.example.org:3478"), answer.iceServers().get(0));
    IceServer turn = answer.iceServers().get(1);
    assertEquals(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349?transport=tcp"), turn.urls());
    TurnCredentials expected = TurnCredentials.issue("logen".getBytes(StandardCharsets.UTF_8), "alice", expiry);
    assertEquals(expected.username(), turn.username());
    assertEquals(expiry.getEpochSecond() + ":alice", turn.username());
    assertEquals(expected.password(), turn.credential());
  }

  @Test
  void theDefaultTtlIsOneHourAndLaterRequestsExpireLater() {
    TurnRestIceServers ice = builder().build();
    assertEquals(Duration.ofHours(1), ice.ttl());

    Instant first = ice.issue("alice").expiresAt().orElseThrow();
    clock.advanceMillis(5_000);
    Instant second = ice.issue("alice").expiresAt().orElseThrow();

    assertEquals(Instant.ofEpochSecond(clock.instant().minusMillis(5_000).plus(Duration.ofHours(1)).getEpochSecond()), first);
    assertEquals(first.plusSeconds(5), second);
  }

  @Test
  void theJsonIsAnRtcConfiguration() {
    IceConfiguration answer = builder().otherServers(List.of(IceServer.of("stun:s.example.org"))).build().issue("bob");
    IceServer turn = answer.iceServers().get(1);

    assertEquals("{\"iceServers\":[{\"urls\":[\"stun:s.example.org\"]},"
        + "{\"urls\":[\"turn:turn.example.org:3478?transport=udp\",\"turns:turn.example.org:5349?transport=tcp\"],"
        + "\"username\":\"" + turn.username() + "\",\"credential\":\"" + turn.credential() + "\"}]}",
        answer.toJson().toString());
  }

  @Test
  void settingsAreValidatedWithPreciseMessages() {
    assertThrows(IllegalArgumentException.class, () -> builder().turnUrls(List.of()).build());
    IllegalArgumentException stun = assertThrows(IllegalArgumentException.class,
        () -> builder().turnUrls(List.of("stun:s.example.org")).build());
    assertTrue(stun.getMessage().contains("stun:s.example.org"), stun.getMessage());
    IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
        () -> TurnRestIceServers.builder().turnUrls(List.of("turn:t.example.org")).build());
    assertTrue(noSecret.getMessage().contains("secret"), noSecret.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder().secret("").build());
    IllegalArgumentException shortTtl = assertThrows(IllegalArgumentException.class,
        () -> builder().ttl(Duration.ofSeconds(9)).build());
    assertTrue(shortTtl.getMessage().contains("PT9S"), shortTtl.getMessage());
  }

  @Test
  void neitherTheProviderNorItsAnswersPrintSecrets() {
    TurnRestIceServers ice = builder().build();
    IceConfiguration answer = ice.issue("alice");
    IceServer turn = answer.iceServers().get(0);

    assertFalse(ice.toString().contains("logen"), ice.toString());
    assertFalse(answer.toString().contains(turn.credential()), answer.toString());
    assertFalse(turn.toString().contains(turn.credential()), turn.toString());
  }

  @Test
  void aSecretSourceIsAskedForEachAnswerSoARotatedSecretSignsTheNextOne() {
    String[] current = {"old-secret"};
    TurnRestIceServers ice = builder().secret(() -> current[0].getBytes(StandardCharsets.UTF_8)).build();
    Instant expiry = ice.issue("alice").expiresAt().orElseThrow();
    String signedWithOld = ice.issue("alice").iceServers().get(0).credential();

    current[0] = "new-secret";
    String signedWithNew = ice.issue("alice").iceServers().get(0).credential();

    assertEquals(TurnCredentials.issue("old-secret".getBytes(StandardCharsets.UTF_8), "alice", expiry).password(), signedWithOld);
    assertEquals(TurnCredentials.issue("new-secret".getBytes(StandardCharsets.UTF_8), "alice", expiry).password(), signedWithNew);
  }

  @Test
  void anUnusableUserIdIsAFailedAnswerNotAnException() {
    assertTrue(builder().build().iceServers("").toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void fixedServersNeverExpire() {
    IceConfiguration answer = IceServerProvider.fixed(List.of(IceServer.of("stun:s.example.org")))
        .iceServers("anyone").toCompletableFuture().join();

    assertEquals(List.of(IceServer.of("stun:s.example.org")), answer.iceServers());
    assertTrue(answer.expiresAt().isEmpty());
    assertNull(answer.expiry());
  }
}
