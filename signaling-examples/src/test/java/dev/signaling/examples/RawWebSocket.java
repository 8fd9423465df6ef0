package dev.signaling.examples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for what the JDK's client cannot do: send a text frame
 * whose bytes are not UTF-8, or see the exact bytes of the frames the server sends. Server frames
 * are read unfragmented, as this server sends them.
 */
final class RawWebSocket implements AutoCloseable {
  /** One frame from the server: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame, else -1. */
    int closeCode() {
      return opcode == 0x8 && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Connects to {@code ws://127.0.0.1:port + path}; reads time out after 10 s. */
  static RawWebSocket connect(int port, String path) throws IOException {
    RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port));
    ws.socket.setSoTimeout(10_000);
    ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = ws.in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + headers);
      }
      headers.append((char) b);
    }
    if (!headers.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + headers);
    }
    return ws;
  }

  /** Sends one text frame of exactly these bytes (masked, as a client must). */
  void sendText(byte[] payload) throws IOException {
    send(0x1, payload);
  }

  /** Sends a close frame with {@code code} (the answer to the server's, or a close of the client's own). */
  void sendClose(int code) throws IOException {
    send(0x8, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  /** One unfragmented frame in one write, masked. */
  private void send(int opcode, byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    int header = payload.length < 126 ? 2 : 4;
    byte[] frame = new byte[header + 4 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    if (payload.length < 126) {
      frame[1] = (byte) (0x80 | payload.length);
    } else {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >>> 8);
      frame[3] = (byte) payload.length;
    }
    System.arraycopy(mask, 0, frame, header, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    out.write(frame);
    out.flush();
  }

  void sendText(String text) throws IOException {
    sendText(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame from the server. */
  Frame next() throws IOException {
    int opcode = in.readUnsignedByte() & 0x0f;
    long length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(opcode, payload);
  }

  /** Reads frames until a text frame of {@code event} and returns it (10 s at most per frame). */
  Frame nextEvent(String event) throws IOException {
    String prefix = "{\"event\":\"" + event + "\"";
    while (true) {
      Frame frame = next();
      if (frame.opcode() == 0x8) {
        throw new IOException("closed with " + frame.closeCode() + " while waiting for " + event);
      }
      if (frame.opcode() == 0x1 && frame.text().startsWith(prefix)) {
        return frame;
      }
    }
  }

  /** Reads frames until a close frame and returns its code. */
  int awaitClose() throws IOException {
    while (true) {
      Frame frame = next();
      if (frame.opcode() == 0x8) {
        return frame.closeCode();
      }
    }
  }

  /**
   * Whether the server ends the connection in order after the frames read so far: the next read
   * finds the end of the stream (a FIN), not more frames and not a reset. Waits up to 10 s.
   */
  boolean endsInOrder() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException reset) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
