package dev.signaling.bench.scenario;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An echo endpoint that misbehaves on purpose, on a fixed pattern per connection, and counts what
 * it did: drops every 7th frame (from the 4th), sends every 10th (from the 6th) twice, and holds
 * every 11th (from the 5th) back until after the next frame it sends. The generator must report
 * exactly these as lost, duplicated and reordered.
 */
public final class FaultyEcho extends Endpoint {
  static final AtomicLong dropped = new AtomicLong();
  static final AtomicLong duplicated = new AtomicLong();
  static final AtomicLong swapped = new AtomicLong();
  static final Set<FaultyEcho> open = ConcurrentHashMap.newKeySet();

  private long n;
  private volatile String held;

  static void reset() {
    dropped.set(0);
    duplicated.set(0);
    swapped.set(0);
    open.clear();
  }

  /** Frames held back and never released: lost too. */
  static long stillHeld() {
    return open.stream().filter(e -> e.held != null).count();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    open.add(this);
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
      long k = n++;
      if (k % 7 == 3) {
        dropped.incrementAndGet();
      } else if (k % 11 == 4 && held == null) {
        held = text;
      } else {
        send(session, text);
        if (k % 10 == 5) {
          send(session, text);
          duplicated.incrementAndGet();
        }
        if (held != null) {
          send(session, held);
          held = null;
          swapped.incrementAndGet();
        }
      }
    });
  }

  private static void send(Session session, String text) {
    try {
      session.getBasicRemote().sendText(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
