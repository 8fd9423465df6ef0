package dev.signaling.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The native protocol (docs/PROTOCOL.md): {@code {"event": name, "args": [...]}} per frame. */
public final class NativeDialect implements Dialect {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MESSAGE_PREFIX = "{\"event\":\"message\"";
  private final String path;

  public NativeDialect(String path) {
    this.path = path;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String frame(String event, String argsJson) {
    return "{\"event\":\"" + event + "\",\"args\":[" + argsJson + "]}";
  }

  @Override
  public void onFrame(BenchClient client, String text) {
    ResumeSession session = client.session();
    if (session != null) {
      if (!session.accepts(client)) {
        return; // a frame still read from a cut connection: the server replays it
      }
      session.onFrame(client, text);
    }
    // Messages are the hot path: recognise them without parsing the payload.
    if (text.startsWith(MESSAGE_PREFIX)) {
      client.listener().onMessage(client, text);
      return;
    }
    try {
      JsonNode root = JSON.readTree(text);
      String event = root.path("event").asText();
      JsonNode args = root.get("args");
      if ("welcome".equals(event)) {
        // Resume housekeeping, not a room event.
        if (session != null && args != null) {
          session.welcome(args.path(0).path("resumeToken").asText(null));
        }
        return;
      }
      if ("resumed".equals(event) && session != null) {
        session.resumed(client, args.path(0).path("seq").asLong());
        return;
      }
      if ("message".equals(event)) {
        client.listener().onMessage(client, text);
      } else {
        client.listener().onEvent(client, event, args instanceof ArrayNode a ? a : JSON.createArrayNode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unparseable frame from server: " + abbreviate(text), e);
    }
  }

  @Override
  public boolean readyOnHandshake() {
    return true;
  }

  static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }
}
