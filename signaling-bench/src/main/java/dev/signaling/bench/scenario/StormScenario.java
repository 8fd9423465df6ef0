package dev.signaling.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.ClientListener;
import dev.signaling.bench.client.Connector;
import dev.signaling.bench.metrics.ProcStat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * C connected clients send {@code create or join} for R rooms (C/2 by default) all at once: joins
 * per second, time until every client is answered, and whether the answers are right.
 */
public final class StormScenario {
  private final Target target;
  private final int clients;
  private final int rooms;
  private final int capacity;
  private final Duration timeout;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

  public StormScenario(Target target, int clients, int rooms, int capacity, Duration timeout) {
    if (clients < 1 || rooms < 1 || rooms > clients) {
      throw new IllegalArgumentException("need 1 ≤ rooms ≤ clients, got " + rooms + " rooms for " + clients + " clients");
    }
    this.target = target;
    this.clients = clients;
    this.rooms = rooms;
    this.capacity = capacity;
    this.timeout = timeout;
  }

  public Result run() throws Exception {
    Result result = new Result().put("scenario", "storm");
    target.describe(result);
    result.put("clients", clients).put("rooms", rooms);
    int[] roomOf = new int[clients];
    StormCheck.Outcome[] outcomes = new StormCheck.Outcome[clients];
    for (int i = 0; i < clients; i++) {
      roomOf[i] = i % rooms;
      outcomes[i] = StormCheck.Outcome.NONE;
    }
    CountDownLatch answered = new CountDownLatch(clients);
    AtomicLong lastAnswer = new AtomicLong();
    AtomicInteger duplicates = new AtomicInteger();
    ClientListener listener = new ClientListener() {
      @Override
      public void onMessage(BenchClient client, String frame) {}

      @Override
      public void onEvent(BenchClient client, String name, ArrayNode args) {
        StormCheck.Outcome outcome = switch (name) {
          case "created" -> StormCheck.Outcome.CREATED;
          case "joined" -> StormCheck.Outcome.JOINED;
          case "full" -> StormCheck.Outcome.FULL;
          case "join", "ready", "log" -> null;
          default -> StormCheck.Outcome.OTHER;
        };
        if (outcome == null) {
          return;
        }
        String expected = room(roomOf[client.index()]);
        if (outcome != StormCheck.Outcome.OTHER && !expected.equals(args.path(0).asText())) {
          outcome = StormCheck.Outcome.OTHER; // answered for another room
        }
        synchronized (outcomes) {
          if (outcomes[client.index()] != StormCheck.Outcome.NONE) {
            duplicates.incrementAndGet();
            return;
          }
          outcomes[client.index()] = outcome;
        }
        lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
        answered.countDown();
      }
    };
    try (Connector connector = target.connector()) {
      BenchClient[] all = Connections.open(connector, clients, 256, i -> i % connector.loopCount(), i -> listener,
          Duration.ofSeconds(30 + clients / 500), target.progress());
      try {
        long cpu0 = target.serverCpuNanos();
        long self0 = ProcStat.cpuNanos(ProcStat.self());
        long start = System.nanoTime();
        // Each loop fires all its clients' joins in one task: as close to "at once" as one sender gets.
        for (int l = 0; l < connector.loopCount(); l++) {
          int loop = l;
          connector.loop(l).execute(() -> {
            for (int i = loop; i < clients; i += connector.loopCount()) {
              all[i].emit("create or join", "\"" + room(roomOf[i]) + "\"");
            }
          });
        }
        boolean complete;
        try (Progress p = new Progress("storm", () -> (clients - answered.getCount()) + "/" + clients + " answered", target.progress())) {
          complete = answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        Thread.sleep(200); // let late duplicate answers show
        long cpu1 = target.serverCpuNanos();
        long self1 = ProcStat.cpuNanos(ProcStat.self());
        double seconds = ((complete ? lastAnswer.get() : System.nanoTime()) - start) / 1e9;
        List<String> problems;
        synchronized (outcomes) {
          problems = StormCheck.violations(roomOf, outcomes, rooms, capacity);
        }
        if (duplicates.get() > 0) {
          problems = new java.util.ArrayList<>(problems);
          problems.add(duplicates.get() + " clients answered more than once");
        }
        result.put("allAnswered", complete)
            .put("secondsToAllAnswered", seconds)
            .put("joinsPerSecond", (clients - answered.getCount()) / seconds)
            .put("correct", problems.isEmpty())
            .put("violations", problems);
        if (target.hasPid()) {
          result.put("serverCpuUsPerJoin", (cpu1 - cpu0) / 1000.0 / clients);
        }
        result.put("generatorCpuSeconds", (self1 - self0) / 1e9);
      } finally {
        Connections.closeAll(all);
      }
    }
    return result;
  }

  private String room(int index) {
    return "storm-" + runId + "-" + index;
  }
}
