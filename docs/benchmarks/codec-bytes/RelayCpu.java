import dev.signaling.core.*;
import dev.signaling.core.limits.RateLimit;
import dev.signaling.core.transport.*;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.*;

/** CPU time per relayed message through two native sessions and the core (no network): the part of netty-native the echo does not do. */
public class RelayCpu {
  static final class Sink implements NativeSocket {
    final boolean bytes; long n;
    Sink(boolean bytes) { this.bytes = bytes; }
    public boolean writesUtf8() { return bytes; }
    public void sendText(String frame) { n += frame.length(); }
    public void sendText(byte[] frame) { n += frame.length; }
    public void sendPing() {}
    public void close(CloseReason r, String d) { throw new AssertionError("closed " + r + " " + d); }
    public String id() { return "x"; }
  }
  public static void main(String[] args) {
    boolean bytes = args[0].equals("bytes");
    SignalingEngine engine = SignalingEngine.builder().config(SignalingConfig.builder().roomCapacity(2)
        .clientLogging(false).ipAddrAnswers(false).rateLimit(RateLimit.UNLIMITED).build()).build();
    NativeSessions sessions = NativeSessions.create(engine, WebSocketOptions.DEFAULT);
    Sink a = new Sink(bytes), b = new Sink(bytes);
    NativeSession alice = sessions.open(a), bob = sessions.open(b);
    String join = "{\"event\":\"create or join\",\"args\":[\"r\"]}";
    String frame = "{\"event\":\"message\",\"args\":[{\"s\":123456,\"t\":12345678901234,\"p\":\"" + "x".repeat(960) + "\"}]}";
    byte[] frameBytes = frame.getBytes(StandardCharsets.UTF_8);
    Runnable send = bytes ? () -> alice.onText(frameBytes.clone()) : () -> alice.onText(new String(frameBytes, StandardCharsets.UTF_8));
    if (bytes) { alice.onText(join.getBytes(StandardCharsets.UTF_8)); bob.onText(join.getBytes(StandardCharsets.UTF_8)); }
    else { alice.onText(join); bob.onText(join); }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 500_000; i++) send.run();
    List<Double> ns = new ArrayList<>();
    int ops = 50_000;
    for (int r = 0; r < 30; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) send.run();
      ns.add((mx.getCurrentThreadCpuTime() - t0) / (double) ops);
    }
    Collections.sort(ns);
    System.out.printf("relay %-6s cpu ns/msg min %5.0f p25 %5.0f median %5.0f (bob got %d bytes)%n", args[0], ns.get(0), ns.get(ns.size() / 4), ns.get(ns.size() / 2), b.n);
    sessions.close(); engine.close();
  }
}
