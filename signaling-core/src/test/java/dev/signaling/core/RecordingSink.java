package dev.signaling.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PeerSink} that records what the core sends, as a transport would deliver it. */
public final class RecordingSink implements PeerSink {
  public final List<ServerEvent> events = new CopyOnWriteArrayList<>();
  public volatile CloseReason closedWith;
  public Peer peer;

  public static RecordingSink connect(SignalingEngine engine) {
    RecordingSink sink = new RecordingSink();
    sink.peer = engine.connect(sink);
    return sink;
  }

  /** Connects with {@code handshake} (authenticated when the engine has an authenticator). */
  public static RecordingSink connect(SignalingEngine engine, Handshake handshake) {
    RecordingSink sink = new RecordingSink();
    sink.peer = engine.connect(handshake, sink);
    return sink;
  }

  @Override
  public void send(ServerEvent event) {
    events.add(event);
  }

  @Override
  public void close(CloseReason reason, String description) {
    if (closedWith == null) {
      closedWith = reason;
      if (peer != null) { // null when refused inside connect(), before it returned
        peer.disconnected();
      }
    }
  }

  /** The names of the events received so far, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (ServerEvent event : events) {
      names.add(event.name());
    }
    return names;
  }

  public <T extends ServerEvent> List<T> eventsOf(Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (ServerEvent event : events) {
      if (type.isInstance(event)) {
        matching.add(type.cast(event));
      }
    }
    return matching;
  }

  public void clear() {
    events.clear();
  }
}
