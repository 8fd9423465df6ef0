package dev.signaling.transport.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signaling.core.Ack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The answer to a peer's latest numbered application event ({@link ClientSeq}), for the repeats
 * of it: socket.io-client's {@code retries} send one event at a time and re-send it, with a new
 * ack id, when its acknowledgement did not come back (a cut, an {@code ackTimeout}). The peer
 * processes the event once; each repeat is answered with what the handler answered the first
 * time, or, while the handler has not answered yet, as soon as it does. A repeat of an older
 * event (never sent by socket.io-client, which waits for each acknowledgement) is answered with
 * null ("no error"). Kept per peer, so it outlives the peer's connections. Thread-safe.
 */
final class NumberedReplies {
  /** Repeats held while a handler has not answered: socket.io-client sends one per ackTimeout. */
  private static final int MAX_WAITING = 8;
  /** The answer to a repeat of an older event: null, "no error" (see SignalingNamespace's TAKEN). */
  private static final List<JsonNode> NO_ERROR = List.of(JsonNodeFactory.instance.nullNode());

  private long seq;
  /** The handler's answer to event {@link #seq}; null while it has not answered. */
  private List<JsonNode> reply;
  private final List<Ack> waiting = new ArrayList<>();

  /** The ack to hand the handler of event {@code seq}: answers {@code ack} and keeps the answer. */
  Ack answering(long seq, Ack ack) {
    return args -> {
      ack.reply(args);
      answered(seq, args);
    };
  }

  /** The peer took event {@code seq} (it is not a repeat); its handler answers later, or did. */
  synchronized void taken(long seq) {
    if (seq > this.seq) {
      this.seq = seq;
      reply = null;
      waiting.clear();
    }
  }

  /** Answers a repeat of event {@code seq}: now if the answer is known, else when it is. */
  void repeated(long seq, Ack ack) {
    List<JsonNode> answer;
    synchronized (this) {
      if (seq == this.seq && reply == null) {
        if (waiting.size() < MAX_WAITING) {
          waiting.add(ack);
        }
        return;
      }
      answer = seq == this.seq ? reply : NO_ERROR;
    }
    ack.reply(answer);
  }

  private void answered(long seq, List<JsonNode> args) {
    List<Ack> repeats;
    List<JsonNode> answer = Collections.unmodifiableList(new ArrayList<>(args));
    synchronized (this) {
      if (seq < this.seq) {
        return; // a newer event was taken meanwhile: nobody repeats this one any more
      }
      if (seq > this.seq) { // answered at once, before the peer reported the event taken
        this.seq = seq;
        waiting.clear();
      }
      reply = answer;
      repeats = new ArrayList<>(waiting);
      waiting.clear();
    }
    repeats.forEach(repeat -> repeat.reply(answer));
  }
}
