package dev.signaling.bench.scenario;

/**
 * The generator's message payload: {@code {"s":SEQ,"t":NANOS,"p":"xxx…"}}, padded to the requested
 * size. {@code t} is nanoseconds since the run's start (below 2^53, so JavaScript servers keep it
 * exact). Received frames are scanned for the two numbers, not parsed, to keep the generator cheap.
 */
public final class Payloads {
  private static final String SEQ = "\"s\":";
  private static final String TIME = "\"t\":";
  private final String padding;

  public Payloads(int payloadBytes) {
    // {"s":123456,"t":12345678901234,"p":""} is about 40 bytes.
    this.padding = "x".repeat(Math.max(0, payloadBytes - 40));
  }

  public String payload(long seq, long timeNanos) {
    return "{\"s\":" + seq + ",\"t\":" + timeNanos + ",\"p\":\"" + padding + "\"}";
  }

  public static long seq(String frame) {
    return numberAfter(frame, SEQ);
  }

  public static long time(String frame) {
    return numberAfter(frame, TIME);
  }

  static long numberAfter(String frame, String key) {
    int at = frame.indexOf(key);
    if (at < 0) {
      throw new IllegalArgumentException("no " + key + " in frame " + frame.substring(0, Math.min(80, frame.length())));
    }
    int i = at + key.length();
    long value = 0;
    int digits = 0;
    for (; i < frame.length(); i++) {
      char c = frame.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      digits++;
    }
    if (digits == 0 || digits > 18) {
      throw new IllegalArgumentException("bad number after " + key + " in frame");
    }
    return value;
  }
}
