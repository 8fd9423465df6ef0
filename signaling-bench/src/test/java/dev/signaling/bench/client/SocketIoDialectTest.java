package dev.signaling.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketIoDialectTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final List<String> events = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private final SocketIoDialect dialect = new SocketIoDialect();
  private final BenchClient client = new BenchClient(0, channel, dialect, new ClientListener() {
    @Override
    public void onMessage(BenchClient c, String frame) {
      messages.add(frame);
    }

    @Override
    public void onEvent(BenchClient c, String name, ArrayNode args) {
      events.add(name + args);
    }
  });

  private String sent() {
    TextWebSocketFrame frame = channel.readOutbound();
    try {
      return frame == null ? null : frame.text();
    } finally {
      if (frame != null) {
        frame.release();
      }
    }
  }

  @Test
  void theOpenPacketIsAnsweredWithANamespaceConnectAndTheAckMakesTheClientReady() {
    dialect.onFrame(client, "0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    assertEquals("40", sent());
    assertFalse(client.ready().isDone());
    dialect.onFrame(client, "40{\"sid\":\"def\"}");
    assertTrue(client.ready().isDone());
  }

  @Test
  void aPingIsAnsweredWithAPong() {
    dialect.onFrame(client, "2");
    assertEquals("3", sent());
  }

  @Test
  void eventsAreDecodedWithTheirArgumentsAndMessagesPassedThroughUnparsed() {
    dialect.onFrame(client, "42[\"created\",\"room-1\",\"sock-1\"]");
    dialect.onFrame(client, "42[\"ready\"]");
    dialect.onFrame(client, "42[\"message\",{\"s\":1,\"t\":2,\"p\":\"x\"}]");
    assertEquals(List.of("created[\"room-1\",\"sock-1\"]", "ready[]"), events);
    assertEquals(List.of("42[\"message\",{\"s\":1,\"t\":2,\"p\":\"x\"}]"), messages);
  }

  @Test
  void eventsAreEncodedAsSocketIoEventPackets() {
    client.emit("create or join", "\"room-1\"");
    assertEquals("42[\"create or join\",\"room-1\"]", sent());
    assertEquals("42[\"bye\"]", dialect.frame("bye", ""));
  }
}
