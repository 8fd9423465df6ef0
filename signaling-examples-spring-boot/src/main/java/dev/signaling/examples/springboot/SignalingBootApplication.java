package dev.signaling.examples.springboot;

import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.signaling.core.EventHandler;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The codelab's signaling server as a Spring Boot application: signaling-spring-boot-starter
 * deploys the native endpoint at {@code /signaling} and Socket.IO at {@code /socket.io/} on
 * Boot's Tomcat; {@link WebAppController} serves the web app and its {@code GET /config};
 * application.properties holds the {@code signaling.*} settings.
 *
 * <pre>
 * mvn -pl signaling-examples-spring-boot spring-boot:run      # after mvn install
 * java -jar signaling-examples-spring-boot/target/signaling-examples-spring-boot-*.jar
 * </pre>
 */
@SpringBootApplication
public class SignalingBootApplication {

  public static void main(String[] args) {
    SpringApplication.run(SignalingBootApplication.class, args);
  }

  /**
   * An application event beside the built-in ones, on both protocols: {@code mute [true|false]}
   * records the sender's state and acknowledges it. The starter registers every {@code
   * EventHandler} bean under its bean name.
   */
  @Bean
  EventHandler mute() {
    return (peer, args, ack) -> {
      boolean muted = !args.isEmpty() && args.get(0).asBoolean();
      peer.attributes().put("muted", muted);
      if (ack != null) {
        ack.reply(List.of(BooleanNode.valueOf(muted)));
      }
    };
  }
}
