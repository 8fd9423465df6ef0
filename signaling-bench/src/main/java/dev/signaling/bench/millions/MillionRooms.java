package dev.signaling.bench.millions;

import dev.signaling.bench.scenario.Result;
import dev.signaling.core.ClientEvent;
import dev.signaling.core.CloseReason;
import dev.signaling.core.Peer;
import dev.signaling.core.PeerSink;
import dev.signaling.core.ServerEvent;
import dev.signaling.core.ResumePolicy;
import dev.signaling.core.SignalingConfig;
import dev.signaling.core.SignalingEngine;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * The core alone, through its in-memory backend and counting sinks (no network): creates N rooms
 * (a first peer each), fills them (a second peer each), then empties them (both disconnect),
 * timing each phase and measuring the heap after a full collection at each step.
 */
public final class MillionRooms {
  private final int rooms;
  private final ResumePolicy resume;

  /** Resume off, as in the runs before resume was on by default: figures stay comparable. */
  public MillionRooms(int rooms) {
    this(rooms, ResumePolicy.OFF);
  }

  /** With {@code resume}: what each resumable session costs (ResumePolicy.DEFAULT is the library's default). */
  public MillionRooms(int rooms, ResumePolicy resume) {
    if (rooms < 1) {
      throw new IllegalArgumentException("rooms must be at least 1");
    }
    this.rooms = rooms;
    this.resume = java.util.Objects.requireNonNull(resume, "resume");
  }

  /** Counts what the core sends, by kind; keeps nothing, so memory is the core's own. */
  static final class CountingSink implements PeerSink {
    static final LongAdder created = new LongAdder();
    static final LongAdder joined = new LongAdder();
    static final LongAdder other = new LongAdder();

    @Override
    public void send(ServerEvent event) {
      if (event instanceof ServerEvent.Created) {
        created.increment();
      } else if (event instanceof ServerEvent.Joined) {
        joined.increment();
      } else {
        other.increment();
      }
    }

    @Override
    public void close(CloseReason reason, String description) {}
  }

  public Result run() {
    CountingSink.created.reset();
    CountingSink.joined.reset();
    CountingSink.other.reset();
    Result result = new Result().put("scenario", "millions").put("rooms", rooms)
        .put("resumeWindowSeconds", resume.window().toSeconds())
        .put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576)
        .put("gc", ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
    SignalingEngine engine = SignalingEngine.builder()
        .config(SignalingConfig.builder().roomCapacity(2).resume(resume).build())
        .build();
    CountingSink sink = new CountingSink();
    Peer[] first = new Peer[rooms];
    Peer[] second = new Peer[rooms];
    String[] names = new String[rooms];
    for (int i = 0; i < rooms; i++) {
      names[i] = "room-" + i;
    }
    long baseline = heapAfterGc();

    long t0 = System.nanoTime();
    for (int i = 0; i < rooms; i++) {
      first[i] = engine.connect(sink);
      first[i].receive(new ClientEvent.CreateOrJoin(names[i]));
    }
    long t1 = System.nanoTime();
    long afterCreate = heapAfterGc();
    long t2 = System.nanoTime();
    for (int i = 0; i < rooms; i++) {
      second[i] = engine.connect(sink);
      second[i].receive(new ClientEvent.CreateOrJoin(names[i]));
    }
    long t3 = System.nanoTime();
    long afterFill = heapAfterGc();
    long roomsFull = engine.roomCount();
    long peersFull = engine.peerCount();
    long t4 = System.nanoTime();
    for (int i = 0; i < rooms; i++) {
      first[i].disconnected();
      second[i].disconnected();
      first[i] = null;
      second[i] = null;
    }
    long t5 = System.nanoTime();
    long afterEmpty = heapAfterGc();

    result.put("createSeconds", (t1 - t0) / 1e9).put("createPerSecond", rooms / ((t1 - t0) / 1e9))
        .put("fillSeconds", (t3 - t2) / 1e9).put("fillPerSecond", rooms / ((t3 - t2) / 1e9))
        .put("emptySeconds", (t5 - t4) / 1e9).put("emptyPerSecond", rooms / ((t5 - t4) / 1e9))
        .put("roomsWhenFull", roomsFull).put("peersWhenFull", peersFull)
        .put("roomsAfter", engine.roomCount()).put("peersAfter", engine.peerCount())
        .put("createdEvents", CountingSink.created.sum()).put("joinedEvents", CountingSink.joined.sum())
        .put("heapBaselineMiB", baseline / 1048576.0)
        .put("heapFullMiB", afterFill / 1048576.0)
        .put("heapAfterEmptyMiB", afterEmpty / 1048576.0)
        .put("bytesPerHalfRoom", (double) (afterCreate - baseline) / rooms)
        .put("bytesPerFullRoom", (double) (afterFill - baseline) / rooms)
        .put("bytesPerPeer", (double) (afterFill - baseline) / (2.0 * rooms))
        .put("correct", roomsFull == rooms && peersFull == 2L * rooms && engine.roomCount() == 0
            && engine.peerCount() == 0 && CountingSink.created.sum() == rooms && CountingSink.joined.sum() == rooms);
    engine.close();
    return result;
  }

  /** Heap in use after full collections (the names array is held throughout, so it is in the baseline). */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
