package dev.signaling.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.ClientListener;
import dev.signaling.bench.client.Connector;
import dev.signaling.bench.metrics.ProcStat;
import dev.signaling.bench.metrics.ServerStats;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * C connected clients send {@code create or join} for R rooms (C/2 by default) all at once: joins
 * per second, time until every client is answered, and whether the answers are right.
 *
 * <p>Before the measured storm, {@code warmups} unrecorded storms run in the same process with the
 * same number of fresh connections and rooms of their own, then disconnect. A freshly started
 * generator spent about half of its CPU during the one storm it measured in its own JIT compilers
 * (the storm's send and receive paths ran for the first time; after one warm-up storm, C2 still
 * compiled them during the measured one), and on its one core that made the generator, not the
 * server, the limit. Two warm-ups (the command's default) leave it about 0.6 s of CPU per
 * 10,000-client storm.
 */
public final class StormScenario {
  private final Target target;
  private final int clients;
  private final int rooms;
  private final int capacity;
  private final Duration timeout;
  private final int warmups;
  private final Duration serverSettle;
  private final int storms;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

  /** A storm without warm-up. */
  public StormScenario(Target target, int clients, int rooms, int capacity, Duration timeout) {
    this(target, clients, rooms, capacity, timeout, 0);
  }

  public StormScenario(Target target, int clients, int rooms, int capacity, Duration timeout, int warmups) {
    this(target, clients, rooms, capacity, timeout, warmups, Duration.ZERO);
  }

  /**
   * @param serverSettle when positive (and the server's pid is known), before each storm waits up to
   *     this long for the server process to go idle (≤ 2 % of a core over half a second): what
   *     connecting the storm's clients left it to do (a JIT compiler thread's backlog, on a pinned
   *     core mostly) is then not billed to the joins
   */
  public StormScenario(Target target, int clients, int rooms, int capacity, Duration timeout, int warmups,
      Duration serverSettle) {
    this(target, clients, rooms, capacity, timeout, warmups, serverSettle, 1);
  }

  /**
   * @param storms measured storms after the warm-ups (each with fresh connections and rooms): the
   *     result is the median one by joins per second, with every storm's figures beside it
   */
  public StormScenario(Target target, int clients, int rooms, int capacity, Duration timeout, int warmups,
      Duration serverSettle, int storms) {
    if (clients < 1 || rooms < 1 || rooms > clients) {
      throw new IllegalArgumentException("need 1 ≤ rooms ≤ clients, got " + rooms + " rooms for " + clients + " clients");
    }
    if (storms < 1) {
      throw new IllegalArgumentException("need at least one measured storm, got " + storms);
    }
    if (warmups < 0) {
      throw new IllegalArgumentException("warm-up storms must be ≥ 0, got " + warmups);
    }
    this.target = target;
    this.clients = clients;
    this.rooms = rooms;
    this.capacity = capacity;
    this.timeout = timeout;
    this.warmups = warmups;
    this.serverSettle = serverSettle;
    this.storms = storms;
  }

  public Result run() throws Exception {
    Result result = new Result().put("scenario", "storm");
    target.describe(result);
    result.put("clients", clients).put("rooms", rooms).put("warmupStorms", warmups)
        .put("serverSettleLimitSeconds", serverSettle.toMillis() / 1000.0);
    try (Connector connector = target.connector()) {
      // The warm-ups, then the measured storms; after each but the last, the server drops its
      // peers and rooms before the next one starts.
      List<Round> measured = new ArrayList<>();
      for (int i = 0; i < warmups + storms; i++) {
        boolean another = i < warmups + storms - 1;
        ServerStats.Snapshot before = another && target.statsEndpoint() ? target.stats().read(false) : null;
        if (i < warmups) {
          Round warm = storm(connector, "w" + i);
          if (target.progress()) {
            System.err.printf("  [storm] warm-up %d: %d/%d answered in %.3f s (not recorded)%n",
                i + 1, warm.answered, clients, warm.seconds);
          }
        } else {
          measured.add(storm(connector, "m" + (i - warmups)));
        }
        if (another) {
          settle(before);
        }
      }
      // One storm lasts a third of a second: a collection or a compilation in the server falling
      // into it, or not, moves it by half. With several, the median storm is the figure; each is kept.
      Round round = measured.stream()
          .sorted(Comparator.comparingDouble(r -> r.answered / r.seconds))
          .toList().get((storms - 1) / 2);
      List<String> problems = new ArrayList<>();
      measured.forEach(r -> problems.addAll(r.problems));
      result.put("measuredStorms", storms)
          .put("allAnswered", measured.stream().allMatch(Round::complete))
          .put("secondsToAllAnswered", round.seconds)
          .put("secondsToAllSent", round.secondsToAllSent)
          .put("joinsPerSecond", round.answered / round.seconds)
          .put("correct", problems.isEmpty())
          .put("serverSettleSeconds", round.settleSeconds)
          .put("violations", problems);
      if (target.hasPid()) {
        result.put("serverCpuUsPerJoin", round.serverCpuNanos / 1000.0 / clients);
      }
      result.put("generatorCpuSeconds", round.generatorCpuNanos / 1e9);
      if (target.hasPid()) {
        result.put("otherCpuCores", otherCores(round));
      }
      if (storms > 1) {
        result.put("joinsPerSecondEach", measured.stream().map(r -> Result.round(r.answered / r.seconds)).toList());
        if (target.hasPid()) {
          result.put("serverCpuUsPerJoinEach",
              measured.stream().map(r -> Result.round(r.serverCpuNanos / 1000.0 / clients)).toList());
          result.put("otherCpuCoresEach", measured.stream().map(r -> Result.round(otherCores(r))).toList());
        }
      }
    }
    return result;
  }

  /**
   * Everything else that ran during a storm (other tenants): the noise, in cores, over the whole
   * window (until all were answered, plus 200 ms for late duplicates).
   */
  private static double otherCores(Round round) {
    return (round.busyNanos - round.serverCpuNanos - round.generatorCpuNanos) / 1e9 / (round.windowNanos / 1e9);
  }

  /** What one storm measured; {@code seconds} runs from the first join sent to the last answer. */
  private record Round(boolean complete, long answered, double seconds, double secondsToAllSent, List<String> problems,
      long serverCpuNanos, long generatorCpuNanos, long busyNanos, long windowNanos, double settleSeconds) {}

  private Round storm(Connector connector, String tag) throws Exception {
    int[] roomOf = new int[clients];
    StormCheck.Outcome[] outcomes = new StormCheck.Outcome[clients];
    String[] roomNames = new String[rooms];
    for (int r = 0; r < rooms; r++) {
      roomNames[r] = "storm-" + runId + "-" + tag + "-" + r;
    }
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
        String expected = roomNames[roomOf[client.index()]];
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
    BenchClient[] all = Connections.open(connector, clients, 256, i -> i % connector.loopCount(), i -> listener,
        Duration.ofSeconds(30 + clients / 500), target.progress());
    try {
      quiesce();
      double settled = settleServer();
      if (target.progress()) {
        System.err.printf("  [storm] %d clients connected, firing their joins%n", clients);
      }
      long cpu0 = target.serverCpuNanos();
      long self0 = ProcStat.cpuNanos(ProcStat.self());
      long busy0 = ProcStat.machineBusyNanos();
      long start = System.nanoTime();
      AtomicLong lastSent = new AtomicLong(start);
      // Each loop fires all its clients' joins in one task: as close to "at once" as one sender gets.
      for (int l = 0; l < connector.loopCount(); l++) {
        int loop = l;
        connector.loop(l).execute(() -> {
          for (int i = loop; i < clients; i += connector.loopCount()) {
            all[i].emit("create or join", "\"" + roomNames[roomOf[i]] + "\"");
          }
          lastSent.accumulateAndGet(System.nanoTime(), Math::max);
        });
      }
      boolean complete;
      try (Progress p = new Progress("storm", () -> (clients - answered.getCount()) + "/" + clients + " answered", target.progress())) {
        complete = answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      Thread.sleep(200); // let late duplicate answers show
      long cpu1 = target.serverCpuNanos();
      long self1 = ProcStat.cpuNanos(ProcStat.self());
      long busy1 = ProcStat.machineBusyNanos();
      long end = System.nanoTime();
      double seconds = ((complete ? lastAnswer.get() : end) - start) / 1e9;
      if (target.progress()) {
        System.err.printf("  [storm] %d/%d answered in %.3f s, closing the connections%n",
            clients - answered.getCount(), clients, seconds);
      }
      List<String> problems;
      synchronized (outcomes) {
        problems = StormCheck.violations(roomOf, outcomes, rooms, capacity);
      }
      if (duplicates.get() > 0) {
        problems = new ArrayList<>(problems);
        problems.add(duplicates.get() + " clients answered more than once");
      }
      return new Round(complete, clients - answered.getCount(), seconds, (lastSent.get() - start) / 1e9, problems,
          cpu1 - cpu0, self1 - self0, busy1 - busy0, end - start, settled);
    } finally {
      Connections.closeAll(all);
    }
  }

  /**
   * Lets this process go quiet before a storm: its JIT finishes compiling what connecting made hot
   * (bounded wait), and a collection empties its young generation, so that neither competes with
   * the storm for the generator's core. The server is left alone.
   */
  private static void quiesce() throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    System.gc();
    if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long compiled = jit.getTotalCompilationTime();
      while (System.nanoTime() < deadline) {
        Thread.sleep(250);
        long now = jit.getTotalCompilationTime();
        if (now == compiled) {
          break;
        }
        compiled = now;
      }
    }
  }

  /**
   * Waits (at most {@code serverSettle}) until the server spent at most 10 ms of CPU in half a
   * second: one clock tick of /proc's accounting, 2 % of a core. Returns the seconds waited, or
   * −1 when it did not settle in time (then the storm runs anyway); 0 when not asked to wait.
   */
  private double settleServer() throws InterruptedException {
    if (serverSettle.isZero() || !target.hasPid()) {
      return 0;
    }
    long start = System.nanoTime();
    long deadline = start + serverSettle.toNanos();
    long before = target.serverCpuNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      long now = target.serverCpuNanos();
      if (now - before <= TimeUnit.MILLISECONDS.toNanos(10)) {
        return (System.nanoTime() - start) / 1e9;
      }
      before = now;
    }
    return -1;
  }

  /** After a warm-up: waits (bounded) until the server has dropped the warm-up's peers and rooms. */
  private void settle(ServerStats.Snapshot before) throws InterruptedException {
    if (before == null) {
      Thread.sleep(2000);
      return;
    }
    ServerStats stats = target.stats();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    ServerStats.Snapshot now = stats.read(false);
    while ((now.peers() > before.peers() || now.rooms() > before.rooms()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      now = stats.read(false);
    }
  }
}
