package dev.signaling.bench;

import dev.signaling.bench.millions.MillionRooms;
import dev.signaling.core.ResumePolicy;
import dev.signaling.bench.report.MetricsChart;
import dev.signaling.bench.report.Report;
import dev.signaling.bench.scenario.ChurnScenario;
import dev.signaling.bench.scenario.IdleScenario;
import dev.signaling.bench.scenario.PairsScenario;
import dev.signaling.bench.scenario.Result;
import dev.signaling.bench.scenario.StormScenario;
import dev.signaling.bench.scenario.Target;
import dev.signaling.bench.server.BenchServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar signaling-bench.jar <scenario> [options]}: the load generator and its tools. */
@Command(name = "signaling-bench", mixinStandardHelpOptions = true, version = "signaling-bench 0.1.0",
    description = "Load generator for WebRTC signaling servers (native protocol and Socket.IO v4), loopback only.",
    subcommands = {BenchMain.Pairs.class, BenchMain.Idle.class, BenchMain.Storm.class, BenchMain.Churn.class,
        BenchMain.Millions.class, Report.class, MetricsChart.class, BenchServer.class})
public final class BenchMain {

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  /** Where and how to connect, and where results go: shared by the network scenarios. */
  static final class TargetOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address, loopback only (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--also-port", paramLabel = "PORT",
        description = "Another node of a cluster (repeatable): connections alternate over --port and these, so each pair spans two nodes.")
    java.util.List<Integer> otherPorts = new java.util.ArrayList<>();

    @Option(names = "--protocol", defaultValue = "native",
        description = "native (/signaling), socketio (/socket.io/, Engine.IO v4) or echo (/echo, bare echo floor). Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--threads", defaultValue = "1", description = "Generator event-loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--source-addresses", defaultValue = "0",
        description = "Spread connections over 127.0.0.2 … 127.0.0.(N+1); 0 lets the kernel choose (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--server-pid", defaultValue = "0", description = "Local server PID, for its CPU time and memory from /proc.")
    long serverPid;

    @Option(names = "--no-stats", description = "The server has no GET /stats.")
    boolean noStats;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--out", description = "Also write the result as JSON to this file.")
    Path out;

    Target target() {
      return new Target(host, port, protocol, threads, sources, serverPid, !noStats, !quiet, otherPorts);
    }

    Integer report(String title, Result result) throws Exception {
      System.out.println(title);
      System.out.print(result.table());
      if (out != null) {
        result.write(out);
      }
      return 0;
    }
  }

  @Command(name = "pairs", mixinStandardHelpOptions = true,
      description = "P pairs join rooms and ping-pong messages, closed-loop (--window) or open-loop (--rate).")
  static final class Pairs implements Callable<Integer> {
    @Mixin TargetOptions target;

    @Option(names = "--pairs", defaultValue = "500") int pairs;
    @Option(names = "--size", defaultValue = "1000", description = "Payload bytes (default: ${DEFAULT-VALUE}).") int size;
    @Option(names = "--window", defaultValue = "0", description = "Closed-loop: messages in flight per pair.") int window;
    @Option(names = "--rate", defaultValue = "0", description = "Open-loop: relayed messages per second in total.") double rate;
    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).") int warmup;
    @Option(names = "--duration", defaultValue = "15", description = "Measured seconds (default: ${DEFAULT-VALUE}).") int duration;
    @Option(names = "--cut-every", defaultValue = "0", paramLabel = "N",
        description = "Cut each connection abruptly every ~N messages it receives (0.5-1.5 N) and resume it"
            + " (native protocol; the server needs resume on, e.g. server --resume-window 30s). Default: off.")
    int cutEvery;

    @Override
    public Integer call() throws Exception {
      int w = window == 0 && rate == 0 ? 1 : window;
      Result result = new PairsScenario(target.target(), new PairsScenario.Options(pairs, size,
          Duration.ofSeconds(warmup), Duration.ofSeconds(duration), w, rate, Duration.ofSeconds(10),
          Duration.ofSeconds(60), cutEvery)).run();
      return target.report("pairs", result);
    }
  }

  @Command(name = "idle", mixinStandardHelpOptions = true,
      description = "N connections joined in rooms of two; the server's memory per connection.")
  static final class Idle implements Callable<Integer> {
    @Mixin TargetOptions target;

    @Option(names = "--connections", defaultValue = "10000") int connections;
    @Option(names = "--settle", defaultValue = "3", description = "Seconds to wait before measuring.") int settle;

    @Override
    public Integer call() throws Exception {
      return target.report("idle", new IdleScenario(target.target(), connections, Duration.ofSeconds(settle)).run());
    }
  }

  @Command(name = "storm", mixinStandardHelpOptions = true,
      description = "C clients send 'create or join' for C/2 rooms at once; joins/s and correctness.")
  static final class Storm implements Callable<Integer> {
    @Mixin TargetOptions target;

    @Option(names = "--clients", defaultValue = "10000") int clients;
    @Option(names = "--rooms", defaultValue = "0", description = "Rooms (default: clients/2).") int rooms;
    @Option(names = "--capacity", defaultValue = "2", description = "The server's room capacity.") int capacity;
    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for every answer.") int timeout;
    @Option(names = "--warmup-storms", defaultValue = "2",
        description = "Unrecorded storms first, in this process, with fresh connections and rooms: they let the "
            + "generator's own JIT compile the storm's paths (default: ${DEFAULT-VALUE}).") int warmups;
    @Option(names = "--settle-server", defaultValue = "0", paramLabel = "SECONDS",
        description = "Before each storm, wait up to this long for the server process (--server-pid) to go idle "
            + "(<= 2 %% of a core over 0.5 s), so that what connecting left it to do (JIT compilation on a pinned "
            + "core) is not billed to the joins; 0: do not wait (default: ${DEFAULT-VALUE}).") int settleServer;
    @Option(names = "--storms", defaultValue = "1",
        description = "Measured storms after the warm-ups, each with fresh connections and rooms; the result is "
            + "the median storm by joins/s, every storm's figures beside it (default: ${DEFAULT-VALUE}).") int storms;

    @Override
    public Integer call() throws Exception {
      Result result = new StormScenario(target.target(), clients, rooms == 0 ? Math.max(1, clients / 2) : rooms,
          capacity, Duration.ofSeconds(timeout), warmups, Duration.ofSeconds(settleServer), storms).run();
      target.report("storm", result);
      return Boolean.TRUE.equals(result.get("correct")) ? 0 : 1;
    }
  }

  @Command(name = "churn", mixinStandardHelpOptions = true,
      description = "Sessions join, exchange messages and leave at a steady rate; checks nothing leaks.")
  static final class Churn implements Callable<Integer> {
    @Mixin TargetOptions target;

    @Option(names = "--sessions-per-second", defaultValue = "200") double rate;
    @Option(names = "--duration", defaultValue = "20") int duration;
    @Option(names = "--messages", defaultValue = "4") int messages;
    @Option(names = "--max-concurrent", defaultValue = "2000") int maxConcurrent;

    @Override
    public Integer call() throws Exception {
      Result result = new ChurnScenario(target.target(), rate, Duration.ofSeconds(duration), messages, maxConcurrent).run();
      target.report("churn", result);
      return Boolean.TRUE.equals(result.get("leakFree")) ? 0 : 1;
    }
  }

  @Command(name = "millions", mixinStandardHelpOptions = true,
      description = "In-process: create, fill and empty N rooms in the core (in-memory backend); time and heap.")
  static final class Millions implements Callable<Integer> {
    @Option(names = "--rooms", defaultValue = "1000000") int rooms;
    @Option(names = "--out") Path out;
    @Option(names = "--resume",
        description = "Resume on (ResumePolicy.DEFAULT, the library's default): each peer is a resumable session,"
            + " whose cost shows in bytesPerPeer. Off by default, as in earlier runs.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
      Result result = new MillionRooms(rooms, resume ? ResumePolicy.DEFAULT : ResumePolicy.OFF).run();
      System.out.println("millions");
      System.out.print(result.table());
      if (out != null) {
        result.write(out);
      }
      return Boolean.TRUE.equals(result.get("correct")) ? 0 : 1;
    }
  }
}
