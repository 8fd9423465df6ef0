package dev.signaling.transport.socketio;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import io.socket.parser.Packet;
import io.socket.parser.Parser;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/**
 * A peer on the real Java socket.io client (io.socket:socket.io-client 2.x): records each
 * codelab event it receives, in order, as "name arg1 arg2...". Public in this module's test-jar:
 * the example server's and the servlet containers' tests drive it too.
 */
public final class JavaClientPeer implements AutoCloseable {
  private static final List<String> EVENTS = List.of(
      "created", "join", "joined", "ready", "full", "message", "bye", "error");

  public final Socket socket;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  public final Set<String> transportsUsed = ConcurrentHashMap.newKeySet();
  private volatile boolean offsets;

  public JavaClientPeer(String url, String[] transports) throws InterruptedException {
    IO.Options options = IO.Options.builder()
        .setForceNew(true)
        .setReconnection(false)
        .setTransports(transports)
        .build();
    socket = IO.socket(URI.create(url), options);
    socket.io().on(Manager.EVENT_TRANSPORT, args -> transportsUsed.add(((Transport) args[0]).name));
    // This client (2.x) knows nothing of connection state recovery: where the server recovers
    // connections (its CONNECT answer carries a pid), each event ends with an offset, which a
    // codelab's handlers never read. Recorded as they read events: without it.
    socket.io().on(Manager.EVENT_PACKET, args -> {
      if (args.length > 0 && args[0] instanceof Packet<?> packet && packet.type == Parser.CONNECT
          && packet.data instanceof JSONObject data && data.has("pid")) {
        offsets = true;
      }
    });
    for (String event : EVENTS) {
      socket.on(event, args -> {
        int shown = offsets && args.length > 0 && args[args.length - 1] instanceof String ? args.length - 1 : args.length;
        StringBuilder line = new StringBuilder(event);
        for (int i = 0; i < shown; i++) {
          line.append(' ').append(args[i]);
        }
        received.add(line.toString());
      });
    }
    socket.on(Socket.EVENT_CONNECT, args -> received.add("connect"));
    socket.connect();
    String first = next();
    if (!first.equals("connect")) {
      throw new AssertionError("expected to connect, got " + first);
    }
  }

  /** The next event received, waiting at most 10 s. */
  public String next() throws InterruptedException {
    String event = received.poll(10, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within 10 s");
    }
    return event;
  }

  public JavaClientPeer emit(String event, Object... args) {
    socket.emit(event, args);
    return this;
  }

  @Override
  public void close() {
    socket.close();
  }
}
