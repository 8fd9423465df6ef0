package dev.signaling.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisBackendConfigTest {

  @Test
  void defaultsNoticeADeadNodeWithinTenSeconds() {
    RedisBackendConfig config = RedisBackendConfig.builder("redis://localhost:6379").build();

    assertEquals("signaling:", config.keyPrefix());
    assertTrue(config.deadNodeBound().compareTo(Duration.ofSeconds(10)) <= 0, config.toString());
  }

  @Test
  void passwordAndTlsComeFromTheUri() {
    RedisBackendConfig config =
        RedisBackendConfig.builder("rediss://:s3cret@redis.internal:6380/2").nodeId("a").build();

    assertTrue(config.redisUri().isSsl());
    assertEquals("s3cret", new String(config.redisUri().getCredentialsProvider().resolveCredentials().block().getPassword()));
    assertEquals("RedisBackendConfig{redis=rediss://redis.internal:6380/2, keyPrefix=signaling:, "
        + "nodeId=a, heartbeatInterval=PT2S, nodeTimeout=PT6S, commandTimeout=PT2S, sessionEndTimeout=PT1S}", config.toString());
    assertFalse(config.toString().contains("s3cret"));
  }

  @Test
  void aNodeTimeoutShorterThanTwoHeartbeatsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RedisBackendConfig.builder("redis://localhost")
            .heartbeatInterval(Duration.ofSeconds(2)).nodeTimeout(Duration.ofSeconds(3)).build());
    assertEquals("nodeTimeout (PT3S) must be at least twice heartbeatInterval (PT2S) so that one "
        + "late heartbeat does not declare a node dead", e.getMessage());
  }

  @Test
  void badNodeIdsPrefixesAndDurationsAreRefusedWithWhatWasGiven() {
    assertEquals("nodeId must be 1 to 64 of [A-Za-z0-9._-], was 'a b'",
        assertThrows(IllegalArgumentException.class,
            () -> RedisBackendConfig.builder("redis://localhost").nodeId("a b").build()).getMessage());
    assertEquals("keyPrefix must be non-empty without spaces or control characters, was ''",
        assertThrows(IllegalArgumentException.class,
            () -> RedisBackendConfig.builder("redis://localhost").keyPrefix("").build()).getMessage());
    assertEquals("commandTimeout must be positive, was PT0S",
        assertThrows(IllegalArgumentException.class,
            () -> RedisBackendConfig.builder("redis://localhost").commandTimeout(Duration.ZERO).build())
            .getMessage());
    assertEquals("sessionEndTimeout must be positive, was PT-1S",
        assertThrows(IllegalArgumentException.class,
            () -> RedisBackendConfig.builder("redis://localhost").sessionEndTimeout(Duration.ofSeconds(-1)).build())
            .getMessage());
  }

  @Test
  void toBuilderKeepsEverySetting() {
    RedisBackendConfig config = RedisBackendConfig.builder("redis://localhost")
        .keyPrefix("app1:").nodeId("n1").heartbeatInterval(Duration.ofMillis(500))
        .nodeTimeout(Duration.ofSeconds(2)).commandTimeout(Duration.ofSeconds(1))
        .sessionEndTimeout(Duration.ofMillis(300)).build();

    assertEquals(config, config.toBuilder().build());
  }
}
