package dev.signaling.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signaling.core.EventHandler;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import dev.signaling.core.cluster.ForwardingRoomBackend;
import dev.signaling.core.cluster.LocalPeers;
import dev.signaling.core.cluster.RoomBackend;
import dev.signaling.transport.jsr356.SignalingEndpoints;
import dev.signaling.core.transport.WebSocketOptions;
import dev.signaling.transport.socketio.SocketIoConfig;
import dev.signaling.transport.socketio.SocketIoServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans the auto-configuration makes, and that each backs off for the application's own. */
class SignalingAutoConfigurationTest {
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SignalingAutoConfiguration.class));

  @Test
  void aServletApplicationGetsTheEngineBothTransportsAndTheirInitializer() {
    web.run(context -> {
      assertThat(context).hasSingleBean(SignalingEngine.class);
      assertThat(context).hasSingleBean(SignalingConfig.class);
      assertThat(context).hasSingleBean(SignalingEndpoints.class);
      assertThat(context).hasSingleBean(SocketIoServer.class);
      assertThat(context).hasBean("signalingServletInitializer");
      assertThat(context.getBean(SignalingConfig.class)).isEqualTo(SignalingConfig.DEFAULT);
    });
  }

  @Test
  void anApplicationWithoutAWebServerGetsTheEngineAlone() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SignalingAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasSingleBean(SignalingEngine.class);
          assertThat(context).doesNotHaveBean(SignalingEndpoints.class);
          assertThat(context).doesNotHaveBean(SocketIoServer.class);
          assertThat(context).doesNotHaveBean(ServletContextInitializer.class);
        });
  }

  @Test
  void signalingEnabledFalseConfiguresNothing() {
    web.withPropertyValues("signaling.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SignalingEngine.class)
            .doesNotHaveBean(SignalingEndpoints.class).doesNotHaveBean(SocketIoServer.class));
  }

  @Test
  void eachTransportCanBeSwitchedOff() {
    web.withPropertyValues("signaling.socketio.enabled=false").run(context -> {
      assertThat(context).hasSingleBean(SignalingEndpoints.class);
      assertThat(context).doesNotHaveBean(SocketIoServer.class).doesNotHaveBean(SocketIoConfig.class);
    });
    web.withPropertyValues("signaling.websocket.enabled=false").run(context -> {
      assertThat(context).hasSingleBean(SocketIoServer.class);
      assertThat(context).doesNotHaveBean(SignalingEndpoints.class).doesNotHaveBean(WebSocketOptions.class);
    });
  }

  @Test
  void everyBeanBacksOffForTheApplicationsOwn() {
    web.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context.getBean(SignalingConfig.class)).isSameAs(OwnBeans.CONFIG);
      assertThat(context.getBean(WebSocketOptions.class)).isSameAs(OwnBeans.OPTIONS);
      assertThat(context.getBean(SocketIoConfig.class)).isSameAs(OwnBeans.SOCKET_IO_CONFIG);
      assertThat(context).hasSingleBean(SignalingEngine.class).hasSingleBean(SignalingEndpoints.class)
          .hasSingleBean(SocketIoServer.class).hasSingleBean(SignalingConfig.class);
      assertThat(context.getBean(SignalingEngine.class).config().roomCapacity()).isEqualTo(5);
      assertThat(context.getBean(SocketIoServer.class).config().pingInterval())
          .isEqualTo(OwnBeans.SOCKET_IO_CONFIG.pingInterval());
      assertThat(context.getBean(OwnBeans.class).backendStarted).isTrue();
    });
  }

  @Test
  void theApplicationsTransportBeansReplaceTheAutoConfiguredOnes() {
    web.withUserConfiguration(OwnTransports.class).run(context -> {
      assertThat(context.getBean(SignalingEndpoints.class)).isSameAs(context.getBean("myEndpoints"));
      assertThat(context.getBean(SocketIoServer.class)).isSameAs(context.getBean("mySocketIo"));
      assertThat(context.getBean(SocketIoServer.class).path()).isEqualTo("/mine/");
    });
  }

  @Test
  void eventHandlerBeansAreRegisteredByBeanNameOrAnnotation() {
    web.withUserConfiguration(EchoApplication.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(SignalingEngine.class)).isNotNull();
    });
    web.withBean("bye", EventHandler.class, () -> (peer, args, ack) -> { })
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("EventHandler bean 'bye' would handle 'bye', a built-in event"));
    web.withUserConfiguration(TwoHandlersOneEvent.class)
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("both handle the event 'status'"));
  }

  @Test
  void customizersAdjustTheAutoConfiguredEngine() {
    AtomicBoolean called = new AtomicBoolean();
    web.withBean(SignalingEngineCustomizer.class, () -> builder -> called.set(true))
        .run(context -> {
          assertThat(context).hasSingleBean(SignalingEngine.class);
          assertThat(called).isTrue();
        });
  }

  @Test
  void anInvalidPropertyFailsTheStartWithTheLibrarysMessage() {
    web.withPropertyValues("signaling.room-capacity=0")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("roomCapacity must be at least 1, got 0"));
    web.withPropertyValues("signaling.socketio.path=no-slashes")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("path must start and end with '/'"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final SignalingConfig CONFIG = SignalingConfig.builder().roomCapacity(5).build();
    static final WebSocketOptions OPTIONS = WebSocketOptions.builder().path("/own").build();
    static final SocketIoConfig SOCKET_IO_CONFIG = SocketIoConfig.builder()
        .pingInterval(java.time.Duration.ofSeconds(3)).build();
    final AtomicBoolean backendStarted = new AtomicBoolean();

    @Bean
    SignalingConfig ownConfig() {
      return CONFIG;
    }

    @Bean
    WebSocketOptions ownOptions() {
      return OPTIONS;
    }

    @Bean
    SocketIoConfig ownSocketIoConfig() {
      return SOCKET_IO_CONFIG;
    }

    @Bean
    RoomBackend ownBackend() {
      return new StartRecordingBackend(backendStarted);
    }
  }

  /** The in-memory backend, noting that the engine started it. */
  static final class StartRecordingBackend extends ForwardingRoomBackend {
    private final AtomicBoolean started;

    StartRecordingBackend(AtomicBoolean started) {
      this.started = started;
    }

    @Override
    public void start(LocalPeers localPeers) {
      started.set(true);
      super.start(localPeers);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTransports {
    @Bean
    SignalingEndpoints myEndpoints(SignalingEngine engine) {
      return SignalingEndpoints.create(engine, WebSocketOptions.builder().path("/mine").build());
    }

    @Bean
    SocketIoServer mySocketIo(SignalingEngine engine) {
      return SocketIoServer.builder().path("/mine/").signaling(engine).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoHandlersOneEvent {
    @Bean
    @SignalingEvent("status")
    EventHandler first() {
      return (peer, args, ack) -> { };
    }

    @Bean
    @SignalingEvent("status")
    EventHandler second() {
      return (peer, args, ack) -> { };
    }
  }
}
