package dev.signaling.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Socket.IO v5 packets over Engine.IO v4 on a WebSocket (no long-polling): the server opens with
 * {@code 0{...}}, the client connects to the main namespace with {@code 40} and is connected on
 * {@code 40{"sid":...}}; events travel as {@code 42["name",...args]}; the server pings ({@code 2})
 * and the client answers pong ({@code 3}).
 */
public final class SocketIoDialect implements Dialect {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String path() {
    return "/socket.io/?EIO=4&transport=websocket";
  }

  @Override
  public String frame(String event, String argsJson) {
    return argsJson.isEmpty() ? "42[\"" + event + "\"]" : "42[\"" + event + "\"," + argsJson + "]";
  }

  @Override
  public void onFrame(BenchClient client, String text) {
    if (text.isEmpty()) {
      throw new IllegalStateException("empty Engine.IO packet");
    }
    switch (text.charAt(0)) {
      case '0' -> client.sendRaw("40"); // Engine.IO open: connect to the main namespace
      case '2' -> client.sendRaw("3" + text.substring(1)); // ping → pong, echoing any probe data
      case '1' -> client.close(); // Engine.IO close
      case '3', '6' -> { } // pong, noop
      case '4' -> onSocketIoPacket(client, text);
      default -> throw new IllegalStateException("unexpected Engine.IO packet " + NativeDialect.abbreviate(text));
    }
  }

  private void onSocketIoPacket(BenchClient client, String text) {
    char type = text.length() > 1 ? text.charAt(1) : '?';
    switch (type) {
      case '0' -> client.markReady(); // CONNECT acknowledged: 40{"sid":...}
      case '2' -> onEvent(client, text);
      case '1' -> client.close(); // DISCONNECT from the server
      case '4' -> throw new IllegalStateException("Socket.IO connect refused: " + text);
      default -> { } // acks and binary packets: the generator sends none
    }
  }

  private void onEvent(BenchClient client, String text) {
    // 42[/nsp,][ackId]["name",...]: the array starts at the first '['.
    int array = text.indexOf('[');
    if (array < 0) {
      throw new IllegalStateException("malformed event packet " + NativeDialect.abbreviate(text));
    }
    if (text.startsWith("\"message\"", array + 1)) {
      client.listener().onMessage(client, text);
      return;
    }
    try {
      JsonNode packet = JSON.readTree(text.substring(array));
      if (!(packet instanceof ArrayNode all) || all.isEmpty() || !all.get(0).isTextual()) {
        throw new IllegalStateException("malformed event packet " + NativeDialect.abbreviate(text));
      }
      String name = all.get(0).textValue();
      ArrayNode args = JSON.createArrayNode();
      for (int i = 1; i < all.size(); i++) {
        args.add(all.get(i));
      }
      client.listener().onEvent(client, name, args);
    } catch (IOException e) {
      throw new UncheckedIOException("unparseable packet " + NativeDialect.abbreviate(text), e);
    }
  }

  @Override
  public boolean readyOnHandshake() {
    return false;
  }
}
