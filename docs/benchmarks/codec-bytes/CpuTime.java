import dev.signaling.bench.jmh.CodecBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.*;
import java.util.function.ToLongFunction;

/** Thread CPU time per op of CodecBenchmark's methods, interleaved rounds; min and median of rounds (session 6: + nettyFrameViaFrame). */
public class CpuTime {
  public static void main(String[] args) throws Exception {
    int payload = Integer.parseInt(args[0]);
    boolean bytes = args.length > 1 && args[1].equals("bytes");
    CodecBenchmark b = new CodecBenchmark();
    b.payloadBytes = payload;
    b.setUp();
    Map<String, ToLongFunction<CodecBenchmark>> variants = new LinkedHashMap<>();
    variants.put("decodeThenEncode", x -> x.decodeThenEncode().length());
    variants.put("nettyFrameViaString", x -> x.nettyFrameViaString());
    if (bytes) {
      variants.put("decodeThenEncodeUtf8", x -> x.decodeThenEncodeUtf8().length);
      variants.put("nettyFrameViaBytes", x -> x.nettyFrameViaBytes());
    }
    if (args.length > 2 && args[2].equals("frame")) {
      variants.put("nettyFrameViaFrame", x -> x.nettyFrameViaFrame());
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (var v : variants.values()) for (int i = 0; i < 300_000; i++) sink += v.applyAsLong(b);
    Map<String, List<Double>> ns = new LinkedHashMap<>();
    int ops = 50_000;
    for (int round = 0; round < 30; round++) {
      for (var e : variants.entrySet()) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) sink += e.getValue().applyAsLong(b);
        ns.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((mx.getCurrentThreadCpuTime() - t0) / (double) ops);
      }
    }
    for (var e : ns.entrySet()) {
      List<Double> l = e.getValue(); Collections.sort(l);
      System.out.printf("%-22s %5d  cpu ns/op min %6.0f  p25 %6.0f  median %6.0f%n", e.getKey(), payload, l.get(0), l.get(l.size() / 4), l.get(l.size() / 2));
    }
    if (sink == 42) System.out.println();
    b.tearDown();
  }
}
