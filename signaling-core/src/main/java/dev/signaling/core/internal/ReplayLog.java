package dev.signaling.core.internal;

import dev.signaling.core.RawJson;
import dev.signaling.core.ServerEvent;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The numbered events of one resumable session, newest last, kept for replay after a resume:
 * at most {@code maxEvents} events and {@code maxBytes} of estimated encoded size; older ones
 * are dropped as newer ones come. Numbers count 1, 2, 3 … without gaps.
 *
 * <p>Not thread-safe: its peer guards it.
 */
public final class ReplayLog {
  private final int maxEvents;
  private final long maxBytes;
  private final ArrayDeque<ServerEvent> events = new ArrayDeque<>();
  /** Seq of the last event appended; 0 before the first. */
  private long lastSeq;
  private long bytes;

  public ReplayLog(int maxEvents, long maxBytes) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /** Numbers and keeps {@code event}, dropping the oldest as needed; returns its seq. */
  public long append(ServerEvent event) {
    events.addLast(event);
    bytes += estimatedBytes(event);
    lastSeq++;
    while (events.size() > maxEvents || (bytes > maxBytes && events.size() > 1)) {
      bytes -= estimatedBytes(events.removeFirst());
    }
    if (bytes > maxBytes) { // a single event above the limit: nothing can be kept
      bytes -= estimatedBytes(events.removeFirst());
    }
    return lastSeq;
  }

  /** Seq of the last event appended; 0 before the first. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Seq of the oldest event still held, or {@code lastSeq + 1} when none is. */
  public long firstHeldSeq() {
    return lastSeq - events.size() + 1;
  }

  /** Whether every event numbered above {@code seq} is still held (so a replay from there is complete). */
  public boolean holdsAllAfter(long seq) {
    return seq >= 0 && seq <= lastSeq && seq + 1 >= firstHeldSeq();
  }

  /** Calls {@code action} for each held event numbered above {@code seq}, in order. */
  public void forEachAfter(long seq, Replay action) {
    long current = firstHeldSeq();
    Iterator<ServerEvent> it = events.iterator();
    while (it.hasNext()) {
      ServerEvent event = it.next();
      if (current > seq) {
        action.replay(event, current);
      }
      current++;
    }
  }

  /** Drops the held events numbered up to {@code seq}: the client has them. */
  public void dropThrough(long seq) {
    while (!events.isEmpty() && firstHeldSeq() <= seq) {
      bytes -= estimatedBytes(events.removeFirst());
    }
  }

  /** Number of events held. */
  public int size() {
    return events.size();
  }

  /** Receives replayed events. */
  @FunctionalInterface
  public interface Replay {
    void replay(ServerEvent event, long seq);
  }

  /**
   * Roughly what {@code event} takes on the wire: its payload's text, its strings, and a fixed
   * allowance for the frame around them. Application events are measured by their JSON text.
   */
  static long estimatedBytes(ServerEvent event) {
    final int frame = 48;
    if (event instanceof ServerEvent.Message m) {
      RawJson payload = m.payload();
      return frame + payload.utf8Length() + m.fromPeerId().length();
    } else if (event instanceof ServerEvent.Custom c) {
      return frame + c.name().length() + c.args().toString().length();
    } else if (event instanceof ServerEvent.AckReply a) {
      return frame + a.args().toString().length();
    } else if (event instanceof ServerEvent.Log l) {
      return frame + l.lines().stream().mapToInt(String::length).sum();
    } else if (event instanceof ServerEvent.Error e) {
      return frame + e.message().length();
    }
    return frame + event.toString().length(); // room events: a room name and a peer id
  }
}
