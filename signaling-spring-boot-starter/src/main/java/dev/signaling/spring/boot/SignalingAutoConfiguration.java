package dev.signaling.spring.boot;

import dev.signaling.core.Authenticator;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.SignalingObserver;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.spring.boot.internal.DrainOnShutdown;
import dev.signaling.spring.boot.internal.EventHandlerBeans;
import dev.signaling.spring.boot.internal.JwtAuthenticatorFactory;
import dev.signaling.spring.boot.internal.PropertyMapping;
import dev.signaling.spring.boot.internal.RedisBackendFactory;
import dev.signaling.spring.boot.internal.SignalingServletInitializer;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures signaling in a Spring Boot application: a {@link SignalingEngine} (with the
 * application's {@link dev.signaling.core.EventHandler} beans, a Redis room backend when {@code
 * signaling.redis.uri} is set) and, in a servlet web application on Tomcat or Jetty, the
 * native-protocol WebSocket endpoint at {@code signaling.path} and Socket.IO (WebSocket and
 * long-polling) at {@code signaling.socketio.path}, on the application's own port.
 *
 * <p>Every bean backs off when the application defines its own of the same type: a {@code
 * SignalingEngine}, {@code SignalingConfig}, {@code RoomBackend}, {@code WebSocketOptions},
 * {@code SignalingEndpoints}, {@code SocketIoConfig} or {@code SocketIoServer}.
 */
@AutoConfiguration(afterName = {
    // A MeterRegistry, when the application has one, exists before the engine's metrics bind to it.
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "signaling.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SignalingProperties.class)
public class SignalingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SignalingConfig signalingConfig(SignalingProperties properties) {
    return PropertyMapping.signalingConfig(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  SignalingEngine signalingEngine(SignalingConfig config, ObjectProvider<RoomBackend> backend,
      ObjectProvider<SignalingObserver> observers, ObjectProvider<Authenticator> authenticator,
      SignalingProperties properties, ListableBeanFactory beans,
      ObjectProvider<SignalingEngineCustomizer> customizers) {
    SignalingEngine.Builder builder = SignalingEngine.builder().config(config)
        .authenticationTimeout(properties.getAuthenticationTimeout())
        .showSubjects(properties.isShowSubjects());
    backend.ifAvailable(builder::backend);
    authenticator.ifAvailable(builder::authenticator);
    List<SignalingObserver> all = observers.orderedStream().toList();
    if (!all.isEmpty()) {
      builder.observer(SignalingObserver.composite(all));
    }
    EventHandlerBeans.byEventName(beans).forEach(builder::on);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** Drains the engine (close 1012) before the web server stops, unless signaling.drain-timeout is 0. */
  @Bean
  @ConditionalOnMissingBean(name = "signalingDrainOnShutdown")
  DrainOnShutdown signalingDrainOnShutdown(SignalingEngine engine, SignalingProperties properties) {
    Duration timeout = properties.getDrainTimeout();
    return new DrainOnShutdown(engine, timeout.isNegative() ? Duration.ZERO : timeout);
  }

  /**
   * JSON Web Tokens for every connection when signaling-auth-jwt is present and a key source
   * (signaling.auth.jwt.secret-file, jwks-file or jwks-url) is set; an application's own
   * Authenticator bean wins.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.signaling.auth.jwt.JwtAuthenticator")
  @Conditional(JwtKeyConfigured.class)
  static class JwtConfiguration {
    @Bean
    @ConditionalOnMissingBean
    Authenticator signalingJwtAuthenticator(SignalingProperties properties) {
      return JwtAuthenticatorFactory.create(properties.getAuth().getJwt());
    }
  }

  /** Any of the JWT key sources is set. */
  static final class JwtKeyConfigured extends AnyNestedCondition {
    JwtKeyConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(name = "signaling.auth.jwt.secret-file")
    static final class SecretFile {}

    @ConditionalOnProperty(name = "signaling.auth.jwt.jwks-file")
    static final class JwksFile {}

    @ConditionalOnProperty(name = "signaling.auth.jwt.jwks-url")
    static final class JwksUrl {}
  }

  /** The engine's metrics on the application's MeterRegistry, when signaling-metrics-micrometer is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"dev.signaling.metrics.micrometer.SignalingMetrics",
      "io.micrometer.core.instrument.MeterRegistry"})
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    dev.signaling.metrics.micrometer.SignalingMetrics signalingMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
      return dev.signaling.metrics.micrometer.SignalingMetrics.create(registry);
    }
  }

  /** The engine's health on Boot's health endpoint (Boot 4's health API), as contributor "signaling". */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "signalingHealthIndicator")
    @ConditionalOnBooleanProperty(name = "management.health.signaling.enabled", matchIfMissing = true)
    dev.signaling.spring.boot.internal.SignalingHealthIndicator signalingHealthIndicator(SignalingEngine engine) {
      return new dev.signaling.spring.boot.internal.SignalingHealthIndicator(engine);
    }
  }

  /** Rooms shared through Redis when signaling.redis.uri is set and signaling-cluster-redis is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.signaling.cluster.redis.RedisRoomBackend")
  @ConditionalOnProperty(name = "signaling.redis.uri")
  static class RedisBackendConfiguration {
    // The engine closes its backend: no destroy method here.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    RoomBackend signalingRoomBackend(SignalingProperties properties) {
      return RedisBackendFactory.connect(properties.getRedis());
    }
  }

  /** The transports, in a servlet web application with JSR-356 (Tomcat, Jetty). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(ServerContainer.class)
  static class ServletTransportsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "signaling.websocket.enabled", matchIfMissing = true)
    WebSocketOptions signalingWebSocketOptions(SignalingProperties properties) {
      return PropertyMapping.webSocketOptions(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "signaling.websocket.enabled", matchIfMissing = true)
    SignalingEndpoints signalingEndpoints(SignalingEngine engine, WebSocketOptions options) {
      return SignalingEndpoints.create(engine, options);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "signaling.socketio.enabled", matchIfMissing = true)
    SocketIoConfig signalingSocketIoConfig(SignalingProperties properties) {
      return PropertyMapping.socketIoConfig(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "signaling.socketio.enabled", matchIfMissing = true)
    SocketIoServer signalingSocketIoServer(SignalingEngine engine, SocketIoConfig config,
        SignalingProperties properties) {
      return SocketIoServer.builder()
          .config(config)
          .path(properties.getSocketio().getPath())
          .signaling(engine)
          .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "signalingServletInitializer")
    ServletContextInitializer signalingServletInitializer(ObjectProvider<SignalingEndpoints> endpoints,
        ObjectProvider<SocketIoServer> socketIo) {
      List<ServerEndpointConfig> configs = new ArrayList<>();
      endpoints.ifAvailable(nativeEndpoints -> configs.add(nativeEndpoints.config()));
      SocketIoServer server = socketIo.getIfAvailable();
      if (server != null) {
        configs.add(server.webSocketEndpoint());
      }
      return new SignalingServletInitializer(configs, server);
    }
  }
}
