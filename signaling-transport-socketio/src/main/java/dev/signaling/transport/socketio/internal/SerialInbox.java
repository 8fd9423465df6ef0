package dev.signaling.transport.socketio.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time in submission order, on whichever submitting thread finds it idle,
 * without holding a lock while a task runs. During an upgrade a session receives on two
 * transports at once; this keeps its listener calls serial all the same.
 */
final class SerialInbox {
  private static final Logger log = LoggerFactory.getLogger(SerialInbox.class);

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  void submit(Runnable task) {
    tasks.add(task);
    while (!tasks.isEmpty() && running.compareAndSet(false, true)) {
      try {
        Runnable next;
        while ((next = tasks.poll()) != null) {
          try {
            next.run();
          } catch (RuntimeException e) {
            log.warn("Engine.IO listener failed", e);
          }
        }
      } finally {
        running.set(false);
      }
    }
  }
}
