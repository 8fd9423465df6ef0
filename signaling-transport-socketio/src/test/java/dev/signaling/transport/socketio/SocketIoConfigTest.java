package dev.signaling.transport.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketIoConfigTest {

  @Test
  void defaultsAreThoseOfTheNodeServer() {
    SocketIoConfig config = SocketIoConfig.DEFAULT;
    assertEquals(Duration.ofSeconds(25), config.pingInterval());
    assertEquals(Duration.ofSeconds(20), config.pingTimeout());
    assertEquals(1_000_000, config.maxPayload());
    assertFalse(config.originPolicy().allows("http://any.example"));
  }

  @Test
  void invalidValuesAreRefusedWithTheirName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SocketIoConfig.builder().pingTimeout(Duration.ZERO).build());
    assertTrue(e.getMessage().contains("pingTimeout"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SocketIoConfig.builder().maxPayload(10).build());
    assertThrows(IllegalArgumentException.class, () -> SocketIoConfig.builder().maxAttachments(-1).build());
    assertThrows(IllegalArgumentException.class, () -> SocketIoConfig.builder().maxQueuedBytes(100).build());
  }

  @Test
  void toBuilderKeepsEveryValue() {
    SocketIoConfig config = SocketIoConfig.builder().pingInterval(Duration.ofMillis(300)).maxAttachments(3).build();
    assertEquals(config, config.toBuilder().build());
  }

  @Test
  void originListsCompareSchemeHostAndPortCaseInsensitively() {
    OriginPolicy policy = OriginPolicy.allowing(Set.of("https://App.example"));
    assertTrue(policy.allows("https://app.example"));
    assertFalse(policy.allows("http://app.example"));
    assertFalse(policy.allows("https://app.example:8443"));
  }

  @Test
  void namespacesMustBeNamedLikeSocketIoNamespaces() {
    assertThrows(IllegalArgumentException.class, () -> SocketIoServer.builder().namespace("chat", socket -> null));
    assertThrows(IllegalStateException.class, () -> SocketIoServer.builder().build());
  }
}
