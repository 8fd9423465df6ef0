package dev.signaling.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void busyTimeIsElapsedTimeOnEveryCpuLessIdleAndIowait() {
    String stat = """
        cpu  1956244 23024 542234 15000 100 0 106491 0 0 0
        cpu0 954958 11014 258018 7000 40 0 54715 0 0 0
        cpu1 1001286 12009 284216 8000 60 0 51776 0 0 0
        intr 123 4 5
        ctxt 99
        """;
    // 2 CPUs × 100 s, less 151 s of idle and iowait: 49 s busy, whatever the tick-sampled columns say.
    assertEquals(49_000_000_000L, ProcStat.machineBusyNanos(stat, "100.00 180.00\n"));
  }

  @Test
  void busyTimeOfThisMachineGrowsNoFasterThanItsCpus() throws Exception {
    int cpus = (int) java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).stream()
        .filter(line -> line.matches("cpu\\d+ .*")).count();
    long busy0 = ProcStat.machineBusyNanos();
    long t0 = System.nanoTime();
    long spin = t0 + 300_000_000L;
    while (System.nanoTime() < spin) {
      Thread.onSpinWait(); // keeps one CPU busy
    }
    long busy1 = ProcStat.machineBusyNanos();
    long elapsed = System.nanoTime() - t0;
    long slack = 30_000_000L * cpus; // /proc/uptime and /proc/stat tick in hundredths of a second
    assertTrue(busy1 - busy0 >= 200_000_000L - slack, "a spinning thread shows: " + (busy1 - busy0));
    assertTrue(busy1 - busy0 <= elapsed * cpus + slack, "busy " + (busy1 - busy0) + " over " + elapsed + " ns");
  }
}
