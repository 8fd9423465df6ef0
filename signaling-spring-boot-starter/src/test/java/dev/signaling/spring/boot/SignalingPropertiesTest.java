package dev.signaling.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.spring.boot.internal.PropertyMapping;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.SocketIoConfig;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.Test;

/** The properties' defaults are the library's, and each property reaches its setting. */
class SignalingPropertiesTest {

  @Test
  void defaultsAreTheLibrarysDefaults() {
    SignalingProperties properties = new SignalingProperties();
    assertThat(PropertyMapping.signalingConfig(properties)).isEqualTo(SignalingConfig.DEFAULT);

    WebSocketOptions options = PropertyMapping.webSocketOptions(properties);
    WebSocketOptions library = WebSocketOptions.DEFAULT;
    assertThat(options.path()).isEqualTo(library.path());
    assertThat(options.maxTextMessageBytes()).isEqualTo(library.maxTextMessageBytes());
    assertThat(options.maxQueuedBytes()).isEqualTo(library.maxQueuedBytes());
    assertThat(options.pingInterval()).isEqualTo(library.pingInterval());
    assertThat(options.idleTimeout()).isEqualTo(library.idleTimeout());
    assertThat(options.originPolicy().test("https://anywhere.example")).isTrue();

    SocketIoConfig socketIo = PropertyMapping.socketIoConfig(properties);
    // Every value but the origin policy (a function): the record's toString leaves it out.
    assertThat(socketIo.toString()).isEqualTo(SocketIoConfig.DEFAULT.toString());
    // Unlike the transport's default (no browser origin), one rule for both protocols: any.
    assertThat(socketIo.originPolicy().allows("https://anywhere.example")).isTrue();
    assertThat(properties.getSocketio().getPath()).isEqualTo(dev.signaling.transport.socketio.SocketIoServer.DEFAULT_PATH);
  }

  @Test
  void allowedOriginsApplyToBothProtocolsAndStarAllowsAny() {
    SignalingProperties properties = new SignalingProperties();
    properties.setAllowedOrigins(List.of("https://app.example", " https://other.example "));
    assertThat(PropertyMapping.webSocketOptions(properties).originPolicy().test("https://app.example")).isTrue();
    assertThat(PropertyMapping.webSocketOptions(properties).originPolicy().test("https://other.example")).isTrue();
    assertThat(PropertyMapping.webSocketOptions(properties).originPolicy().test("https://evil.example")).isFalse();
    assertThat(PropertyMapping.webSocketOptions(properties).originPolicy().test(null)).isFalse();
    assertThat(PropertyMapping.socketIoConfig(properties).originPolicy().allows("https://app.example")).isTrue();
    assertThat(PropertyMapping.socketIoConfig(properties).originPolicy().allows("https://evil.example")).isFalse();

    properties.setAllowedOrigins(List.of("*"));
    assertThat(PropertyMapping.webSocketOptions(properties).originPolicy().test("https://evil.example")).isTrue();
    assertThat(PropertyMapping.socketIoConfig(properties).originPolicy().allows("https://evil.example")).isTrue();
  }

  @Test
  void resumePropertiesReachTheEnginesResumePolicyAndAZeroWindowTurnsItOff() {
    SignalingProperties properties = new SignalingProperties();
    assertThat(PropertyMapping.signalingConfig(properties).resume()).isEqualTo(ResumePolicy.DEFAULT);

    properties.getResume().setWindow(Duration.ofSeconds(45));
    properties.getResume().setMaxEvents(50);
    properties.getResume().setMaxBytes(DataSize.ofKilobytes(64));
    properties.getResume().setNotifyPeers(false);
    properties.getResume().setReconnectGrace(Duration.ofMillis(500));
    assertThat(PropertyMapping.signalingConfig(properties).resume())
        .isEqualTo(new ResumePolicy(Duration.ofSeconds(45), 50, 65_536, false, Duration.ofMillis(500)));

    properties.getResume().setWindow(Duration.ZERO);
    assertThat(PropertyMapping.signalingConfig(properties).resume().enabled()).isFalse();
  }

  @Test
  void iceServersReachTheEngineConfiguration() {
    SignalingProperties properties = new SignalingProperties();
    SignalingProperties.IceServer turn = new SignalingProperties.IceServer();
    turn.setUrls(List.of("turn:turn.example:3478"));
    turn.setUsername("user");
    turn.setCredential("secret");
    properties.setIceServers(List.of(turn));
    assertThat(PropertyMapping.signalingConfig(properties).iceServers())
        .containsExactly(new dev.signaling.core.IceServer(List.of("turn:turn.example:3478"), "user", "secret"));
  }
}
