package dev.signaling.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends HTTP requests byte for byte as written (no client normalizing the path), from any
 * loopback source address, and reads one response: for traversal, size and limit tests.
 */
final class RawHttp {
  private RawHttp() {}

  /** One response: status, headers by lower-case name, body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Response get(int port, String target) throws IOException {
    return send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  }

  static Response request(int port, String method, String target) throws IOException {
    return send(port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** Sends {@code request} as is from 127.0.0.1 and reads the response. */
  static Response send(int port, String request) throws IOException {
    try (Socket socket = open("127.0.0.1", port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return read(socket.getInputStream(), request.startsWith("HEAD "));
    }
  }

  /** A socket to the server on 127.0.0.1:{@code port} from {@code sourceAddress}. */
  static Socket open(String sourceAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.setSoTimeout(10_000);
    socket.bind(new InetSocketAddress(sourceAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return socket;
  }

  /** Reads a response head and its Content-Length body (none for HEAD). */
  static Response read(InputStream in, boolean head) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = line(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int length = head || status == 101 || !headers.containsKey("content-length")
        ? 0 : Integer.parseInt(headers.get("content-length"));
    return new Response(status, headers, in.readNBytes(length));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = bytes.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      bytes.write(c);
      if (bytes.size() > 65_536) {
        throw new IOException("line too long");
      }
    }
    return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
  }

  /** A WebSocket upgrade request for {@code path}. */
  static String upgrade(String path, String... extraHeaders) {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n");
    for (String header : extraHeaders) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }
}
