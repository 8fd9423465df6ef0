package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.Authenticator;
import dev.signaling.core.Handshake;
import dev.signaling.core.Identity;
import dev.signaling.examples.TestClient;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The application's {@code Authenticator} bean admits or refuses every connection. */
@SpringBootTest(classes = {EchoApplication.class, AuthenticatorBeanIT.Tokens.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticatorBeanIT {
  @LocalServerPort
  int port;

  @TestConfiguration(proxyBeanMethods = false)
  static class Tokens {
    /** Admits the one token "letmein" (in ?token=), as a user with any room. */
    @Bean
    Authenticator tokens() {
      return (Handshake handshake) -> handshake.credential().filter("letmein"::equals)
          .map(token -> CompletableFuture.completedStage(Identity.builder("alice").anyRoom().build()))
          .orElseGet(() -> Authenticator.refuse("no valid token"));
    }
  }

  @Test
  void aConnectionWithoutTheTokenIsRefusedAndOneWithItJoins() throws Exception {
    try (TestClient stranger = TestClient.connect(Servers.ws(port, "/signaling"))) {
      JsonNode error = stranger.expect("error").get(0);
      assertEquals("unauthorized", error.get("code").asText(), error.toString());
      assertEquals(1008, stranger.awaitClose());
    }
    try (TestClient alice = TestClient.connect(Servers.ws(port, "/signaling?token=letmein"))) {
      alice.emit("create or join", "members-only");
      assertEquals("members-only", alice.expect("created").get(0).asText());
    }
  }
}
