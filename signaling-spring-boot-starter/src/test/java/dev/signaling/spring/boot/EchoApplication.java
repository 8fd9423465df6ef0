package dev.signaling.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signaling.core.EventHandler;
import dev.signaling.transport.socketio.SocketIoServer;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the integration tests start: the starter's auto-configuration and two event
 * handlers as beans, one named by its bean name, one by {@link SignalingEvent}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EchoApplication {

  /** Handles "echo" (the bean's name): acknowledges with the event's own arguments. */
  @Bean
  EventHandler echo() {
    return (peer, args, ack) -> {
      if (ack != null) {
        ack.reply(args);
      }
    };
  }

  /** Handles "whoami": acknowledges with the socket.io CONNECT payload (null for native peers). */
  @Bean
  @SignalingEvent("whoami")
  EventHandler identityHandler() {
    return (peer, args, ack) -> {
      if (ack != null) {
        ack.reply(java.util.Collections.singletonList((JsonNode) peer.attributes().get(SocketIoServer.AUTH_ATTRIBUTE)));
      }
    };
  }
}
