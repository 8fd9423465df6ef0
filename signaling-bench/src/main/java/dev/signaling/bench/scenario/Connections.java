package dev.signaling.bench.scenario;

import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.ClientListener;
import dev.signaling.bench.client.Connector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Opens many connections with a bounded number of handshakes in flight (a listen backlog is finite). */
final class Connections {
  private Connections() {}

  static BenchClient[] open(Connector connector, int count, int maxPending, IntFunction<Integer> loopOf,
      IntFunction<ClientListener> listenerOf, Duration timeout, boolean progress) throws InterruptedException {
    BenchClient[] clients = new BenchClient[count];
    Semaphore pending = new Semaphore(maxPending);
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    @SuppressWarnings("unchecked")
    CompletableFuture<BenchClient>[] futures = new CompletableFuture[count];
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Progress p = new Progress("connect", () -> done.get() + "/" + count + " connected, " + failed.get() + " failed", progress)) {
      for (int i = 0; i < count; i++) {
        if (!pending.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("connecting timed out after " + timeout + " (" + done.get() + "/" + count
              + " connected, " + failed.get() + " failed)");
        }
        int index = i;
        futures[i] = connector.connect(i, connector.loop(loopOf.apply(i)), listenerOf.apply(i))
            .whenComplete((client, failure) -> {
              pending.release();
              if (failure == null) {
                clients[index] = client;
                done.incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
            });
      }
      for (int i = 0; i < count; i++) {
        try {
          futures[i].get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          throw new IllegalStateException("connection " + i + " failed (" + done.get() + "/" + count
              + " connected): " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
          throw new IllegalStateException("connecting timed out after " + timeout + " (" + done.get() + "/" + count
              + " connected, " + failed.get() + " failed)");
        }
      }
    }
    return clients;
  }

  static void closeAll(BenchClient[] clients) {
    for (BenchClient client : clients) {
      if (client != null) {
        client.close();
      }
    }
  }
}
