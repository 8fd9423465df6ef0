package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.signaling.core.SignalingEngine;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's application-event sample, over a real WebSocket connection. */
class ApplicationEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ExampleServer server;
  private URI signaling;

  @BeforeEach
  void start() throws Exception {
    // As in README.md, "Embed it".
    SignalingEngine engine = SignalingEngine.builder()
        .on("mute", (peer, args, ack) -> {
          peer.attributes().put("muted", args.get(0).asBoolean());
          if (ack != null) {
            ack.reply(List.of(BooleanNode.TRUE));
          }
        })
        .build();
    server = ExampleServer.builder().port(0).engine(engine)
        .transport(Transport.valueOf(DemoServers.transport().toUpperCase(java.util.Locale.ROOT)))
        .build().start();
    signaling = URI.create("ws://127.0.0.1:" + server.port() + "/signaling");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void applicationEventIsHandledAndAcknowledged() throws Exception {
    try (TestClient client = TestClient.connect(signaling)) {
      client.emit("create or join", "studio");
      String peerId = client.expect("created").get(1).asText();
      client.sendText("{\"event\":\"mute\",\"args\":[true],\"id\":7}");
      assertEquals(JSON.readTree("{\"event\":\"ack\",\"args\":[true],\"id\":7}"), client.next());
      assertEquals(true, server.engine().peer(peerId).orElseThrow().attributes().get("muted"));
    }
  }

  @Test
  void unregisteredEventIsAnError() throws Exception {
    try (TestClient client = TestClient.connect(signaling)) {
      client.emit("unmute", false);
      assertEquals("unknown-event", client.expect("error").get(0).get("code").asText());
    }
  }
}
