package it.consumer.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The codelab scenario as a consumer's client runs it over the native protocol: two peers pair,
 * a third is told the room is full, a message reaches the partner, bye. Frames are compared as
 * text, so this needs nothing but the JDK.
 */
public final class Codelab {
  private Codelab() {}

  /** Runs the scenario against the native endpoint at {@code endpoint}; throws AssertionError when it fails. */
  public static void run(URI endpoint, String room) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    try (Peer alice = new Peer(http, endpoint); Peer bob = new Peer(http, endpoint); Peer carol = new Peer(http, endpoint)) {
      alice.send("{\"event\":\"create or join\",\"args\":[\"" + room + "\"]}");
      alice.expect("\"event\":\"created\"");
      bob.send("{\"event\":\"create or join\",\"args\":[\"" + room + "\"]}");
      bob.expect("\"event\":\"joined\"");
      bob.expect("\"event\":\"ready\"");
      alice.expect("\"event\":\"join\"");
      alice.expect("\"event\":\"ready\"");
      carol.send("{\"event\":\"create or join\",\"args\":[\"" + room + "\"]}");
      carol.expect("\"event\":\"full\"");
      bob.send("{\"event\":\"message\",\"args\":[{\"type\":\"offer\",\"sdp\":\"v=0\"}]}");
      alice.expect("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
      bob.send("{\"event\":\"bye\",\"args\":[\"" + room + "\"]}");
      alice.expect("\"event\":\"bye\"");
    }
  }

  /** One WebSocket connection and the text frames it received, in order. */
  static final class Peer implements WebSocket.Listener, AutoCloseable {
    private static final Pattern INFORMATIONAL =
        Pattern.compile("\"event\":\"(welcome|peer-disconnected|peer-reconnected)\"");
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    Peer(HttpClient http, URI endpoint) {
      this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(endpoint, this).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void send(String frame) {
      socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next frame, which must contain {@code text}. */
    void expect(String text) throws InterruptedException {
      String frame = frames.poll(10, TimeUnit.SECONDS);
      if (frame == null || !frame.contains(text)) {
        throw new AssertionError("expected a frame with " + text + ", got " + frame);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        // Like a codelab page, which has no handler for them: resume's welcome (on by default)
        // and the informational peer notices are not part of the scenario.
        if (!INFORMATIONAL.matcher(frame).find()) {
          frames.add(frame);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
      socket.abort();
    }
  }
}
