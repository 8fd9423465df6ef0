package dev.signaling.bench.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a local process, read from Linux's /proc. */
public final class ProcStat {
  /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcStat() {}

  /** User plus system CPU time of all threads of {@code pid}, in nanoseconds. */
  public static long cpuNanos(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long utime = Long.parseLong(fields[11]); // field 14 of the whole line
    long stime = Long.parseLong(fields[12]); // field 15
    return (utime + stime) * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** Resident set size of {@code pid} in bytes. */
  public static long rssBytes(long pid) {
    for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  /**
   * CPU time all processes on the machine (every container sharing this kernel) have been busy,
   * summed over CPUs, in nanoseconds: with the server's and the generator's own time subtracted it
   * shows how much else ran during a measurement.
   *
   * <p>Computed as elapsed time × CPUs − idle, not from {@code /proc/stat}'s busy columns: those
   * are sampled per timer tick, and on these VMs under a loopback message load ticks go missing
   * (measured: over 4 s on 2 CPUs, busy + idle came to 533–561 ticks of 800, while the server and
   * generator alone had run 309–369), so the busy columns read far low and made "other" come out
   * near −0.6 cores. Idle time is accounted by timestamps when a CPU enters and leaves idle.
   */
  public static long machineBusyNanos() {
    return machineBusyNanos(read(Path.of("/proc/stat")), read(Path.of("/proc/uptime")));
  }

  static long machineBusyNanos(String procStat, String procUptime) {
    String[] lines = procStat.split("\n");
    String[] f = lines[0].trim().split("\\s+");
    // cpu user nice system idle iowait ...
    long idleTicks = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    int cpus = 0;
    for (String line : lines) {
      if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
        cpus++;
      }
    }
    // Parsed as decimal text: seconds with two decimals.
    long uptimeNanos = new java.math.BigDecimal(procUptime.trim().split("\\s+")[0])
        .movePointRight(9).longValueExact();
    return uptimeNanos * cpus - idleTicks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  public static long self() {
    return ProcessHandle.current().pid();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + " (is the process local and alive?)", e);
    }
  }
}
