package dev.signaling.transport.socketio.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held long-polling GET, answered exactly once: by its session, or never when the client
 * went away first. Adapters supply the write; this class owns the once-only rule.
 */
public abstract class HeldPoll implements PollResponder {
  private final EngineIoSession session;
  private final AtomicBoolean answered = new AtomicBoolean();

  protected HeldPoll(EngineIoSession session) {
    this.session = session;
  }

  /** Registers this poll with its session, which answers it now or later, from any thread. */
  public final void start() {
    session.poll(this);
  }

  @Override
  public final void respond(int status, String body) {
    if (answered.compareAndSet(false, true)) {
      write(new PollingRoute.Reply(status, body));
    }
  }

  /** The client went away (or the container gave up) before the answer: the session ends. */
  public final void cancelled() {
    if (answered.compareAndSet(false, true)) {
      session.pollCancelled(this);
    }
  }

  /** Writes {@code reply} and completes the held request; must not block on the client. */
  protected abstract void write(PollingRoute.Reply reply);
}
