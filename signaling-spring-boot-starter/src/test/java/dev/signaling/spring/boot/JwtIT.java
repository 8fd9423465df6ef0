package dev.signaling.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.signaling.auth.jwt.HmacTokenIssuer;
import dev.signaling.auth.jwt.JwtAuthenticator;
import dev.signaling.core.Authenticator;
import dev.signaling.examples.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code signaling.auth.jwt.secret-file} (with signaling-auth-jwt present) makes every connection
 * show a token signed with that secret; the token's rooms claim says where it may go.
 */
@SpringBootTest(classes = EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "signaling.show-subjects=true")
class JwtIT {
  private static final byte[] SECRET = "a shared secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8);

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @DynamicPropertySource
  static void secretFile(DynamicPropertyRegistry registry) throws Exception {
    Path file = Files.createTempFile("signaling-jwt", ".secret");
    file.toFile().deleteOnExit();
    Files.write(file, SECRET);
    registry.add("signaling.auth.jwt.secret-file", file::toString);
  }

  @Test
  void onlyATokenSignedWithTheSecretGetsInAndOnlyToItsRooms() throws Exception {
    assertInstanceOf(JwtAuthenticator.class, context.getBean(Authenticator.class));
    String token = HmacTokenIssuer.builder().secret(SECRET).build()
        .issue("alice", Set.of("standup"), Duration.ofMinutes(5));
    try (TestClient stranger = TestClient.connect(Servers.ws(port, "/signaling"))) {
      assertEquals("unauthorized", stranger.expect("error").get(0).get("code").asText());
      assertEquals(1008, stranger.awaitClose());
    }
    try (TestClient forger = TestClient.connect(Servers.ws(port, "/signaling?token=" + token + "x"))) {
      assertEquals("unauthorized", forger.expect("error").get(0).get("code").asText());
    }
    String bobToken = HmacTokenIssuer.builder().secret(SECRET).build()
        .issue("bob", Set.of("*"), Duration.ofMinutes(5));
    try (TestClient alice = TestClient.connect(Servers.ws(port, "/signaling?token=" + token));
        TestClient bob = TestClient.connect(Servers.ws(port, "/signaling?token=" + bobToken))) {
      alice.emit("create or join", "elsewhere");
      assertEquals("forbidden", alice.expect("error").get(0).get("code").asText());
      alice.emit("create or join", "standup");
      assertEquals("standup", alice.expect("created").get(0).asText());
      bob.emit("create or join", "standup");
      bob.expect("joined");
      alice.expect("join");
      alice.expect("ready");
      bob.emit("message", "hello");
      // signaling.show-subjects: the sender's token subject comes with its messages.
      com.fasterxml.jackson.databind.JsonNode message = alice.expect("message");
      assertEquals("hello", message.get(0).asText());
      assertEquals("bob", message.get(2).asText(), message.toString());
    }
  }
}
