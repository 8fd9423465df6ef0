package dev.signaling.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A resume that found its session still attached to a connection: the client reconnected before
 * the server noticed its old connection's end (the reset not read yet, or a link that died
 * without one). Asks the old connection for a sign of life ({@link PeerSink#probe}, half the
 * grace) and goes on with the resume as soon as that connection is lost or the session ends, or
 * when the grace is over (the old connection proved alive: the resume is then refused, {@code
 * in-use}). Continues on the engine's scheduler thread, never under a session's monitor.
 */
final class ReconnectGrace {
  private ReconnectGrace() {}

  /**
   * Runs {@code resume} once {@code old}'s attached connection is gone or {@code grace} has
   * passed; at once when nothing is attached now.
   */
  static CompletionStage<Peer> await(Peer old, Duration grace, Scheduler scheduler, Supplier<Peer> resume) {
    CompletableFuture<Peer> result = new CompletableFuture<>();
    AtomicBoolean decided = new AtomicBoolean();
    Runnable decide = () -> {
      if (decided.compareAndSet(false, true)) {
        try {
          result.complete(resume.get());
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }
    };
    Scheduler.Cancellable timeout = scheduler.schedule(grace, decide);
    boolean waiting = old.session().whenReleased(() -> {
      timeout.cancel();
      scheduler.schedule(Duration.ZERO, decide);
    });
    if (!waiting) {
      timeout.cancel();
      decide.run();
    } else {
      old.probe(grace.dividedBy(2));
    }
    return result;
  }
}
