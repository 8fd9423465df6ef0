package dev.signaling.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw WebSocket client that completes the handshake and then never answers a ping: the
 * connection a server's heartbeat must find and close. (Well-behaved clients, like the JDK's,
 * answer pings by themselves.)
 */
public final class SilentClient {
  private SilentClient() {}

  /** What the server did to the silent connection. */
  public record Outcome(String handshake, boolean pinged, int closeCode) {}

  /** Connects to {@code ws://127.0.0.1:port + path}, then reads frames until the server closes (10 s at most). */
  public static Outcome connectAndStaySilent(int port, String path) throws IOException {
    try (Socket raw = new Socket("127.0.0.1", port)) {
      raw.setSoTimeout(10_000);
      OutputStream out = raw.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = raw.getInputStream();
      String handshake = readHeaders(in);
      if (!handshake.startsWith("HTTP/1.1 101")) {
        return new Outcome(handshake, false, -1);
      }
      boolean pinged = false;
      int closeCode = -1;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (closeCode < 0 && System.nanoTime() < deadline) {
        int opcode = in.read() & 0x0f;
        int length = in.read() & 0x7f; // server frames here are short and unmasked
        byte[] payload = in.readNBytes(length);
        if (opcode == 0x9) {
          pinged = true;
        } else if (opcode == 0x8 && payload.length >= 2) {
          closeCode = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
      }
      return new Outcome(handshake, pinged, closeCode);
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      headers.append((char) b);
    }
    return headers.toString();
  }
}
