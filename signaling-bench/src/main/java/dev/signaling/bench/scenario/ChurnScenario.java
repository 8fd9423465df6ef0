package dev.signaling.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.ClientListener;
import dev.signaling.bench.client.Connector;
import dev.signaling.bench.metrics.ServerStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions started at a steady rate: two connections join a room, exchange a few messages, the
 * first says {@code bye} and both disconnect. Afterwards the server must hold no room and no peer
 * more than before: nothing leaks.
 */
public final class ChurnScenario {
  private final Target target;
  private final double sessionsPerSecond;
  private final Duration duration;
  private final int messages;
  private final int maxConcurrent;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  public ChurnScenario(Target target, double sessionsPerSecond, Duration duration, int messages, int maxConcurrent) {
    if (sessionsPerSecond <= 0 || sessionsPerSecond > 5000) {
      throw new IllegalArgumentException("sessions per second must be in (0, 5000]");
    }
    if (duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("a run is bounded to one hour");
    }
    this.target = target;
    this.sessionsPerSecond = sessionsPerSecond;
    this.duration = duration;
    this.messages = messages;
    this.maxConcurrent = maxConcurrent;
  }

  public Result run() throws Exception {
    Result result = new Result().put("scenario", "churn");
    target.describe(result);
    result.put("sessionsPerSecond", sessionsPerSecond).put("durationSeconds", duration.toSeconds())
        .put("messagesPerSession", messages);
    ServerStats stats = target.stats();
    ServerStats.Snapshot before = stats.read(false);
    long total = (long) (sessionsPerSecond * duration.toNanos() / 1e9);
    long interval = (long) (1e9 / sessionsPerSecond);
    long start = System.nanoTime();
    try (Connector connector = target.connector()) {
      try (Progress p = new Progress("churn", () -> String.format("%d completed, %d active, %d failed, %d skipped",
          completed.get(), active.get(), failed.get(), skipped.get()), target.progress())) {
        for (long k = 0; k < total; k++) {
          long wait = start + k * interval - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (active.get() >= maxConcurrent) {
            skipped.incrementAndGet(); // the server (or generator) is behind: count, do not pile on
            continue;
          }
          new Session(k, connector).start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (active.get() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // The server processes disconnects asynchronously: give it a moment to settle.
      ServerStats.Snapshot after = stats.read(false);
      long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((after.rooms() > before.rooms() || after.peers() > before.peers()) && System.nanoTime() < settleDeadline) {
        Thread.sleep(100);
        after = stats.read(false);
      }
      result.put("sessionsCompleted", completed.get()).put("sessionsFailed", failed.get())
          .put("sessionsSkipped", skipped.get()).put("stillActive", active.get())
          .put("completedPerSecond", completed.get() / seconds)
          .put("roomsBefore", before.rooms()).put("peersBefore", before.peers())
          .put("roomsAfter", after.rooms()).put("peersAfter", after.peers())
          .put("leakFree", after.rooms() <= before.rooms() && after.peers() <= before.peers());
      if (firstFailure.get() != null) {
        result.put("firstFailure", firstFailure.get());
      }
    }
    return result;
  }

  /** One short-lived room: A creates, B joins, A sends, B echoes, A says bye, both leave. */
  private final class Session implements ClientListener {
    private final long id;
    private final Connector connector;
    private final String room;
    private BenchClient a;
    private BenchClient b;
    private int echoes;
    private boolean done;

    Session(long id, Connector connector) {
      this.id = id;
      this.connector = connector;
      this.room = "\"churn-" + runId + "-" + id + "\"";
    }

    void start() {
      active.incrementAndGet();
      var loop = connector.loop((int) id);
      var first0 = connector.connect((int) (2 * id), loop, this);
      var second0 = connector.connect((int) (2 * id + 1), loop, this);
      first0.thenCombine(second0,
          (first, second) -> {
            loop.execute(() -> {
              a = first;
              b = second;
              a.emit("create or join", room);
              // Bounded: a session that has not finished in 10 s fails and closes.
              loop.schedule(() -> fail("timed out"), 10, TimeUnit.SECONDS);
            });
            return null;
          }).exceptionally(failure -> {
            first0.thenAccept(BenchClient::close);
            second0.thenAccept(BenchClient::close);
            loop.execute(() -> fail(String.valueOf(failure)));
            return null;
          });
    }

    @Override
    public void onMessage(BenchClient client, String frame) {
      if (client == b) {
        b.emit("message", "{\"s\":" + Payloads.seq(frame) + ",\"t\":0}");
      } else if (++echoes == messages) {
        a.emit("bye", room);
        finish();
      }
    }

    @Override
    public void onEvent(BenchClient client, String name, ArrayNode args) {
      switch (name) {
        case "created" -> b.emit("create or join", room);
        case "ready" -> {
          if (client == a) {
            if (messages == 0) {
              a.emit("bye", room);
              finish();
              return;
            }
            for (int i = 0; i < messages; i++) {
              a.emit("message", "{\"s\":" + i + ",\"t\":0}");
            }
          }
        }
        case "join", "joined", "log", "bye" -> { }
        default -> fail("unexpected " + name + " " + args);
      }
    }

    @Override
    public void onClosed(BenchClient client) {
      if (!done) {
        fail("connection closed early");
      }
    }

    private void finish() {
      if (done) {
        return;
      }
      done = true;
      completed.incrementAndGet();
      active.decrementAndGet();
      a.close();
      b.close();
    }

    private void fail(String why) {
      if (done) {
        return;
      }
      done = true;
      failed.incrementAndGet();
      active.decrementAndGet();
      firstFailure.compareAndSet(null, "session " + id + ": " + why);
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
    }
  }
}
