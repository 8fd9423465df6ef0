package dev.signaling.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.signaling.bench.client.BenchClient;
import dev.signaling.bench.client.ClientListener;
import dev.signaling.bench.client.Connector;
import dev.signaling.bench.client.ResumeSession;
import dev.signaling.bench.metrics.LatencyHistogram;
import dev.signaling.bench.metrics.ProcStat;
import dev.signaling.bench.metrics.SeqTracker;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * P pairs each join their own room, then ping-pong {@code message}s: the first peer of a pair
 * sends numbered payloads, the second sends each back. Closed-loop keeps W in flight per pair;
 * open-loop sends at a fixed total rate, stamping each payload with its <em>scheduled</em> send
 * time, so a stalled server (or generator) shows in the latency instead of slowing the load.
 *
 * <p>Against a bare echo endpoint ({@code echo} protocol) there is no room: every connection
 * sends and gets its own frames back, each server pass counting as one relayed message.
 *
 * <p>All state of a pair lives on one event loop: both its connections are registered there, so
 * the hot path takes no locks.
 */
public final class PairsScenario {

  /**
   * @param window messages in flight per pair, closed-loop (0 with a rate)
   * @param rate relayed messages per second in total, open-loop (0 for closed-loop); each round
   *     trip is two relays between pairs, one through an echo endpoint
   */
  public record Options(int pairs, int payloadBytes, Duration warmup, Duration duration, int window,
      double rate, Duration drain, Duration joinTimeout, int cutEvery) {

    public Options(int pairs, int payloadBytes, Duration warmup, Duration duration, int window,
        double rate, Duration drain, Duration joinTimeout) {
      this(pairs, payloadBytes, warmup, duration, window, rate, drain, joinTimeout, 0);
    }

    public Options {
      if (cutEvery < 0) {
        throw new IllegalArgumentException("cut-every must be 0 (no cuts) or positive");
      }
      if (pairs < 1) {
        throw new IllegalArgumentException("pairs must be at least 1");
      }
      if ((window > 0) == (rate > 0)) {
        throw new IllegalArgumentException("give either a window (closed-loop) or a rate (open-loop)");
      }
      if (duration.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("a run is bounded to one hour");
      }
    }
  }

  private final Target target;
  private final Options options;
  private final boolean echo;
  private final Payloads payloads;
  private final long epoch = System.nanoTime();
  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
  /** Distinct per scenario, so two scenarios on one server (the idle scenario's batches) never share a room. */
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + "-" + RUNS.incrementAndGet();
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final AtomicInteger joinFailures = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private volatile String firstError;
  private volatile long measureStart = Long.MAX_VALUE;
  private volatile long measureEnd = Long.MAX_VALUE;
  private volatile long sendEnd = Long.MAX_VALUE;
  private final List<LoopState> loops = new ArrayList<>();
  private final AtomicInteger resumeRetries = new AtomicInteger();
  private final AtomicInteger resumeFailures = new AtomicInteger();
  private Connector connector;
  private volatile boolean stopping;
  private CountDownLatch joined;

  public PairsScenario(Target target, Options options) {
    this.target = target;
    this.options = options;
    this.echo = target.protocol().equals("echo");
    this.payloads = new Payloads(options.payloadBytes());
  }

  /** One initiator and its responder (null against an echo endpoint). */
  private final class Flow {
    final int id;
    final LoopState loop;
    BenchClient a;
    BenchClient b;
    long sentByA;
    long sentByB;
    final SeqTracker atB = new SeqTracker();
    final SeqTracker atA = new SeqTracker();
    long joinSentNanos;
    int ready;

    Flow(int id, LoopState loop) {
      this.id = id;
      this.loop = loop;
    }

    String room() {
      return "\"bench-" + runId + "-" + id + "\"";
    }
  }

  /** What one event-loop thread owns: its flows, latency histograms, pacing. */
  private static final class LoopState {
    final EventLoop loop;
    final List<Flow> flows = new ArrayList<>();
    final LatencyHistogram rtt = new LatencyHistogram();
    final LatencyHistogram join = new LatencyHistogram();
    long relayedInWindow;
    long sentInWindow;
    int next;
    long nextSend;
    long interval;
    ScheduledFuture<?> pacer;

    LoopState(EventLoop loop) {
      this.loop = loop;
    }
  }

  private long now() {
    return System.nanoTime() - epoch;
  }

  public Result run() throws Exception {
    Result result = new Result().put("scenario", "pairs");
    target.describe(result);
    result.put("pairs", options.pairs()).put("connections", options.pairs() * 2)
        .put("payloadBytes", options.payloadBytes())
        .put("mode", options.rate() > 0 ? "open-loop" : "closed-loop")
        .put("offeredRate", options.rate()).put("window", options.window())
        .put("warmupSeconds", options.warmup().toSeconds()).put("durationSeconds", options.duration().toSeconds());
    try (Connector connector = target.connector()) {
      if (options.cutEvery() > 0) {
        if (echo) {
          throw new IllegalArgumentException("--cut-every needs the native protocol (not echo)");
        }
        connector.resumable(true);
      }
      BenchClient[] clients = connectAndJoin(connector);
      try {
        exchange(result);
      } finally {
        stopping = true;
        Connections.closeAll(clients);
      }
    }
    return result;
  }

  /** Connects 2P clients and joins every pair into its room; also used by the idle scenario. */
  BenchClient[] connectAndJoin(Connector connector) throws InterruptedException {
    this.connector = connector;
    for (int i = 0; i < connector.loopCount(); i++) {
      loops.add(new LoopState(connector.loop(i)));
    }
    int flowCount = echo ? options.pairs() * 2 : options.pairs();
    List<Flow> flows = new ArrayList<>(flowCount);
    for (int i = 0; i < flowCount; i++) {
      LoopState loop = loops.get(i % loops.size());
      Flow flow = new Flow(i, loop);
      flows.add(flow);
      loop.flows.add(flow);
    }
    Listener listener = new Listener();
    int connections = options.pairs() * 2;
    // Connection c belongs to flow c/2 (pairs) or c (echo); both ends of a flow on its loop.
    BenchClient[] clients = Connections.open(connector, connections, 256,
        c -> (echo ? c : c / 2) % loops.size(), c -> listener, Duration.ofSeconds(30 + connections / 500), target.progress());
    for (int c = 0; c < connections; c++) {
      Flow flow = flows.get(echo ? c : c / 2);
      clients[c].attachment = flow;
      if (clients[c].session() != null) {
        clients[c].session().owner = flow;
        clients[c].session().cutAt = nextCut();
      }
      if (echo || c % 2 == 0) {
        flow.a = clients[c];
      } else {
        flow.b = clients[c];
      }
    }
    if (echo) {
      return clients;
    }
    joined = new CountDownLatch(flows.size());
    for (Flow flow : flows) {
      flow.loop.loop.execute(() -> {
        flow.joinSentNanos = now();
        flow.a.emit("create or join", flow.room());
      });
    }
    try (Progress p = new Progress("join", () -> (flows.size() - joined.getCount()) + "/" + flows.size() + " pairs ready", target.progress())) {
      if (!joined.await(options.joinTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("joining timed out after " + options.joinTimeout() + ": "
            + (flows.size() - joined.getCount()) + "/" + flows.size() + " pairs ready");
      }
    }
    if (joinFailures.get() > 0) {
      throw new IllegalStateException(joinFailures.get() + " pairs failed to join: " + firstError);
    }
    return clients;
  }

  LatencyHistogram joinLatency() throws Exception {
    List<LatencyHistogram> parts = new ArrayList<>();
    for (LoopState loop : loops) {
      parts.add(loop.loop.submit(() -> {
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(loop.join);
        return copy;
      }).get());
    }
    return LatencyHistogram.merge(parts);
  }

  private void exchange(Result result) throws Exception {
    if (!echo) {
      LatencyHistogram join = joinLatency();
      result.put("joinP50Ms", join.percentileMillis(50)).put("joinP99Ms", join.percentileMillis(99));
    }
    long start = now() + 200_000_000L; // let every loop get its start task first
    measureStart = start + options.warmup().toNanos();
    measureEnd = measureStart + options.duration().toNanos();
    sendEnd = measureEnd;
    int initiators = loops.stream().mapToInt(l -> l.flows.size()).sum();
    for (LoopState loop : loops) {
      long delay = Math.max(0, start - now());
      if (options.rate() > 0) {
        // Per loop: its share of the initiations (half the relays between pairs, all through echo).
        double initiationsPerSecond = options.rate() / (echo ? 1 : 2) * loop.flows.size() / initiators;
        loop.interval = Math.max(1, (long) (1e9 / initiationsPerSecond));
        loop.nextSend = start;
        loop.pacer = loop.loop.scheduleAtFixedRate(() -> pace(loop), delay, 1_000_000L, TimeUnit.NANOSECONDS);
      } else {
        loop.loop.schedule(() -> {
          for (Flow flow : loop.flows) {
            for (int i = 0; i < options.window(); i++) {
              sendFromA(flow, now());
            }
          }
        }, delay, TimeUnit.NANOSECONDS);
      }
    }
    long cpuServer0;
    long cpuSelf0;
    long sent0 = 0;
    try (Progress p = new Progress("run", this::status, target.progress())) {
      sleepUntil(measureStart);
      cpuServer0 = target.serverCpuNanos();
      cpuSelf0 = ProcStat.cpuNanos(ProcStat.self());
      long busy0 = ProcStat.machineBusyNanos();
      sleepUntil(measureEnd);
      long cpuServer1 = target.serverCpuNanos();
      long cpuSelf1 = ProcStat.cpuNanos(ProcStat.self());
      long busy1 = ProcStat.machineBusyNanos();
      double seconds = options.duration().toNanos() / 1e9;
      for (LoopState loop : loops) {
        if (loop.pacer != null) {
          // On the loop, after whatever stalled it: the sends due in the window go out (the pacer
          // catches up), then it stops. Cancelled from here, a loop stalled at the end of the window
          // never sent them, and the offered rate read low.
          loop.loop.submit(() -> {
            loop.pacer.cancel(false);
            pace(loop);
          }).get();
        }
      }
      drain();
      long relayed = 0;
      long sentInWindow = 0;
      List<LatencyHistogram> rtts = new ArrayList<>();
      for (LoopState loop : loops) {
        long[] counts = loop.loop.submit(() -> new long[] {loop.relayedInWindow, loop.sentInWindow}).get();
        relayed += counts[0];
        sentInWindow += counts[1];
        rtts.add(loop.loop.submit(() -> {
          LatencyHistogram copy = new LatencyHistogram();
          copy.add(loop.rtt);
          return copy;
        }).get());
      }
      LatencyHistogram rtt = LatencyHistogram.merge(rtts);
      long[] loss = lossCounts();
      result.put("sentPerSecond", sentInWindow / seconds)
          .put("relayedPerSecond", relayed / seconds)
          .put("rttP50Ms", rtt.percentileMillis(50))
          .put("rttP99Ms", rtt.percentileMillis(99))
          .put("rttP999Ms", rtt.percentileMillis(99.9))
          .put("rttMaxMs", rtt.maxMillis())
          .put("rttSamples", rtt.count())
          .put("rttClipped", rtt.clipped());
      if (target.hasPid() && relayed > 0) {
        result.put("serverCpuUsPerMsg", (cpuServer1 - cpuServer0) / 1000.0 / relayed)
            .put("serverCpuCores", (cpuServer1 - cpuServer0) / 1e9 / seconds);
      }
      result.put("generatorCpuCores", (cpuSelf1 - cpuSelf0) / 1e9 / seconds);
      if (target.hasPid()) {
        // Everything else that ran on this machine meanwhile (other tenants' builds): the noise.
        result.put("otherCpuCores", ((busy1 - busy0) - (cpuServer1 - cpuServer0) - (cpuSelf1 - cpuSelf0)) / 1e9 / seconds);
      }
      result
          .put("lost", loss[0]).put("duplicated", loss[1]).put("reordered", loss[2])
          .put("errors", errors.get());
      if (options.cutEvery() > 0) {
        int[] cuts = cutCounts();
        result.put("cutEvery", options.cutEvery()).put("cuts", cuts[0]).put("resumes", cuts[1])
            .put("resumeRetries", resumeRetries.get()).put("resumeFailures", resumeFailures.get());
      }
      if (firstError != null) {
        result.put("firstError", firstError);
      }
    }
  }

  private String status() {
    return String.format("sent %,d, received %,d, errors %d", sent.sum(), received.sum(), errors.get());
  }

  private void pace(LoopState loop) {
    long now = now();
    // Catch up on every send that is due: skipping them would hide a stall (coordinated omission).
    while (loop.nextSend <= now && loop.nextSend < sendEnd) {
      Flow flow = loop.flows.get(loop.next);
      loop.next = (loop.next + 1) % loop.flows.size();
      sendFromA(flow, loop.nextSend);
      loop.nextSend += loop.interval;
    }
  }

  private void sendFromA(Flow flow, long scheduled) {
    if (flow.a.session() == null && !flow.a.isOpen()) {
      return;
    }
    flow.a.emit("message", payloads.payload(flow.sentByA++, scheduled));
    sent.increment();
    if (scheduled >= measureStart && scheduled < measureEnd) {
      flow.loop.sentInWindow++;
    }
  }

  /** Waits for in-flight messages, at most the drain time. */
  private void drain() throws Exception {
    long deadline = System.nanoTime() + options.drain().toNanos();
    while (System.nanoTime() < deadline) {
      if (outstanding() == 0) {
        return;
      }
      Thread.sleep(50);
    }
  }

  private long outstanding() throws Exception {
    long total = 0;
    for (LoopState loop : loops) {
      total += loop.loop.submit(() -> {
        long n = 0;
        for (Flow f : loop.flows) {
          n += echo ? f.sentByA - f.atA.received() : (f.sentByA - f.atB.received()) + (f.sentByB - f.atA.received());
        }
        return n;
      }).get();
    }
    return total;
  }

  /** Lost, duplicated, reordered over the whole run (warm-up included). */
  private long[] lossCounts() throws Exception {
    long[] totals = new long[3];
    for (LoopState loop : loops) {
      long[] part = loop.loop.submit(() -> {
        long[] n = new long[3];
        for (Flow f : loop.flows) {
          if (echo) {
            n[0] += f.atA.lost(f.sentByA);
          } else {
            n[0] += f.atB.lost(f.sentByA) + f.atA.lost(f.sentByB);
          }
          n[1] += f.atA.duplicates() + f.atB.duplicates();
          n[2] += f.atA.reordered() + f.atB.reordered();
        }
        return n;
      }).get();
      for (int i = 0; i < 3; i++) {
        totals[i] += part[i];
      }
    }
    return totals;
  }

  private void sleepUntil(long runNanos) throws InterruptedException {
    long wait = runNanos - now();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private void countRelay(LoopState loop, long now) {
    received.increment();
    if (now >= measureStart && now < measureEnd) {
      loop.relayedInWindow++;
    }
  }

  /** Frames a connection receives before its next cut: uniform in 0.5–1.5 × --cut-every. */
  private int nextCut() {
    int n = options.cutEvery();
    return n / 2 + java.util.concurrent.ThreadLocalRandom.current().nextInt(n + 1);
  }

  /** Cuts, resumes over every session (run on the loops). */
  private int[] cutCounts() throws Exception {
    int[] totals = new int[2];
    for (LoopState loop : loops) {
      int[] part = loop.loop.submit(() -> {
        int[] n = new int[2];
        for (Flow f : loop.flows) {
          for (BenchClient c : new BenchClient[] {f.a, f.b}) {
            n[0] += c.session().cuts();
            n[1] += c.session().resumes();
          }
        }
        return n;
      }).get();
      totals[0] += part[0];
      totals[1] += part[1];
    }
    return totals;
  }

  /** After a cut (or any drop), resumes the session on a new connection on the flow's loop. */
  private void reconnect(Flow flow, ResumeSession session, int index) {
    if (stopping || session.attached() || session.resumingUnderWay()) {
      return;
    }
    if (++session.attempts > 50) {
      resumeFailures.incrementAndGet();
      error("connection " + index + " could not resume after 50 attempts");
      return;
    }
    connector.connect(index, flow.loop.loop, flow.a.listener(), session).whenComplete((c, failure) -> {
      if (failure != null) {
        flow.loop.loop.schedule(() -> reconnect(flow, session, index), 50, TimeUnit.MILLISECONDS);
      } else if (flow.a.session() == session) {
        flow.a = c;
      } else {
        flow.b = c;
      }
    });
  }

  private void resumeFailed(BenchClient client, String reason) {
    if (reason.equals("in-use")) {
      // The server has not yet seen the cut connection end: leave this one normally (1000 ends
      // the throwaway session it started), then try again.
      resumeRetries.incrementAndGet();
      client.session().lost(client);
      client.closeNormally();
    } else {
      resumeFailures.incrementAndGet();
      error("resume failed: " + reason);
    }
  }

  private void error(String text) {
    errors.incrementAndGet();
    if (firstError == null) {
      firstError = text;
    }
  }

  private final class Listener implements ClientListener {
    @Override
    public void onMessage(BenchClient client, String frame) {
      Flow flow = (Flow) client.attachment;
      long now = now();
      long seq = Payloads.seq(frame);
      long sentAt = Payloads.time(frame);
      countRelay(flow.loop, now);
      ResumeSession session = client.session();
      if (session != null && measureEnd != Long.MAX_VALUE && now < measureEnd && ++session.sinceCut >= session.cutAt) {
        session.cutAt = nextCut();
        session.cut(); // after this message: the rest of what is in flight comes again on resume
      }
      if (client == flow.b || (session != null && session == flow.b.session())) {
        // Responder: send each new message back, numbered in B's own stream.
        if (flow.atB.onReceive(seq)) {
          flow.b.emit("message", payloads.payload(flow.sentByB++, sentAt));
        }
        return;
      }
      if (!flow.atA.onReceive(seq)) {
        return; // a duplicate: counted, not timed again
      }
      if (sentAt >= measureStart && sentAt < measureEnd) {
        flow.loop.rtt.recordNanos(now - sentAt);
      }
      if (options.window() > 0 && now < sendEnd) {
        sendFromA(flow, now);
      }
    }

    @Override
    public void onEvent(BenchClient client, String name, ArrayNode args) {
      Flow flow = (Flow) client.attachment;
      if (flow == null) {
        return; // an event before the connection was assigned (none expected)
      }
      switch (name) {
        case "created" -> {
          flow.loop.join.recordNanos(now() - flow.joinSentNanos);
          flow.joinSentNanos = now();
          flow.b.emit("create or join", flow.room());
        }
        case "joined" -> flow.loop.join.recordNanos(now() - flow.joinSentNanos);
        case "ready" -> {
          if (++flow.ready == 2) {
            joined.countDown();
          }
        }
        // peer-disconnected / peer-reconnected: the partner's cut and resume (servers with resume
        // on), informational; whether its messages arrive is what lost/duplicated/reordered count.
        case "join", "log", "peer-disconnected", "peer-reconnected" -> { }
        case "error" -> {
          if (client.session() != null && args.path(0).path("code").asText().equals("resume-failed")) {
            resumeFailed(client, args.path(0).path("reason").asText());
            return;
          }
          joinFailures.incrementAndGet();
          error(name + " " + args);
          if (joined != null) {
            joined.countDown();
          }
        }
        case "full" -> {
          joinFailures.incrementAndGet();
          error(name + " " + args);
          if (joined != null) {
            joined.countDown();
          }
        }
        default -> error("unexpected event " + name + " " + args);
      }
    }

    @Override
    public void onClosed(BenchClient client) {
      ResumeSession session = client.session();
      if (session != null && !stopping && client.attachment instanceof Flow flow) {
        session.lost(client);
        // Cut by us, dropped, or a refused resume attempt that ended: resume unless under way.
        if (!session.attached() && !session.resumingUnderWay()) {
          if (!session.canResume()) {
            error("connection " + client.index() + " closed and the server sent no resume token (is resume on?)");
            return;
          }
          flow.loop.loop.schedule(() -> reconnect(flow, session, client.index()), 20, TimeUnit.MILLISECONDS);
        }
        return;
      }
      if (measureEnd != Long.MAX_VALUE && now() < measureEnd) {
        error("connection " + client.index() + " closed during the run");
      }
    }
  }

  // For the idle scenario.
  Options options() {
    return options;
  }
}
