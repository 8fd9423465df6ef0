package dev.signaling.transport.jsr356.internal;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The outbound side of one connection: any thread may {@link #offer} a frame; frames go out one
 * at a time, in order, through the container's async send. One send at a time is required by
 * some containers (Tomcat refuses a second async send while one is pending), and a send must
 * never block the thread that relays into this connection.
 */
public final class SendQueue {
  private final RemoteEndpoint.Async remote;
  private final long maxQueuedChars;
  private final Consumer<Throwable> onFailure;
  private final Runnable onOverflow;
  private final LongConsumer queuedChange;
  private final ConcurrentLinkedQueue<String> frames = new ConcurrentLinkedQueue<>();
  /** Set by {@link #closeAfterFlush}: run once when the queue is empty. */
  private final AtomicReference<Runnable> afterFlush = new AtomicReference<>();
  private volatile boolean flushing;
  private final AtomicLong queuedChars = new AtomicLong();
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param maxQueuedChars frames waiting beyond this many chars trigger {@code onOverflow}
   * @param onFailure called when a send fails (the connection is broken)
   * @param onOverflow called once when the reader is too slow
   * @param queuedChange told each change of the chars waiting (+ when queued, - when sent or dropped)
   */
  public SendQueue(RemoteEndpoint.Async remote, long maxQueuedChars, Consumer<Throwable> onFailure,
      Runnable onOverflow, LongConsumer queuedChange) {
    this.remote = remote;
    this.maxQueuedChars = maxQueuedChars;
    this.onFailure = onFailure;
    this.onOverflow = onOverflow;
    this.queuedChange = queuedChange;
  }

  /** Queues {@code frame} and starts sending if idle. Never blocks. */
  public void offer(String frame) {
    if (closed || flushing) {
      return;
    }
    if (queuedChars.addAndGet(frame.length()) > maxQueuedChars) {
      closed = true;
      frames.clear();
      onOverflow.run();
      return;
    }
    queuedChange.accept(frame.length());
    frames.add(frame);
    drain();
  }

  /** Drops what is queued and refuses further frames. */
  public void close() {
    closed = true;
    frames.clear();
  }

  /**
   * Refuses further frames, sends those queued, then runs {@code then} (once), e.g. to close the
   * connection without losing what was queued before. If the queue is closed already, or a send
   * fails meanwhile, {@code then} may never run: whoever closed it closes the connection.
   */
  public void closeAfterFlush(Runnable then) {
    flushing = true;
    afterFlush.set(then);
    drain();
  }

  private void runAfterFlush() {
    Runnable then = afterFlush.getAndSet(null);
    if (then != null) {
      closed = true;
      then.run();
    }
  }

  private void drain() {
    while (!closed && sending.compareAndSet(false, true)) {
      String frame = frames.poll();
      if (frame == null) {
        sending.set(false);
        if (frames.isEmpty()) {
          if (flushing) {
            runAfterFlush();
          }
          return;
        }
        continue; // a frame arrived between poll and release
      }
      queuedChars.addAndGet(-frame.length());
      queuedChange.accept(-frame.length());
      Completion completion = new Completion();
      try {
        remote.sendText(frame, completion);
      } catch (RuntimeException e) {
        closed = true;
        onFailure.accept(e);
        return;
      }
      if (!completion.returned()) {
        return; // completes later on the container's thread, which resumes draining
      }
      // Completed synchronously: keep draining in this loop rather than recursing.
    }
  }

  /** Tracks whether the container completed a send before or after sendText returned. */
  private final class Completion implements SendHandler {
    private static final int PENDING = 0;
    private static final int COMPLETED_EARLY = 1;
    private static final int RETURNED = 2;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    @Override
    public void onResult(SendResult result) {
      if (!result.isOK()) {
        closed = true;
        frames.clear();
        onFailure.accept(result.getException());
        return;
      }
      sending.set(false);
      if (!state.compareAndSet(PENDING, COMPLETED_EARLY)) {
        drain(); // sendText had returned already: this thread continues
      }
    }

    /** Called after sendText returns; true when the send already completed. */
    boolean returned() {
      return !state.compareAndSet(PENDING, RETURNED);
    }
  }
}
