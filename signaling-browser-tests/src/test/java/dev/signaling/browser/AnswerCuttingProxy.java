package dev.signaling.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test-only TCP proxy in front of the server: passes everything through, and the first time a
 * WebSocket connection's server→client bytes carry an SDP answer ({@code "answer"}), it resets
 * both sockets (RST, no close frame) instead of forwarding them: an abrupt drop while a call is
 * being set up, before the answer reaches the page. Server frames are unmasked, so the text is
 * visible; only upgraded connections are scanned (the page's scripts pass untouched).
 */
final class AnswerCuttingProxy implements AutoCloseable {
  private static final byte[] ANSWER = "\"answer\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UPGRADED = " 101 ".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  AnswerCuttingProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "answer-cutting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Whether a connection was cut. */
  boolean cut() {
    return fired.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5_000);
        sockets.add(client);
        sockets.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean serverToClient) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[65536];
      boolean upgraded = false;
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          if (serverToClient) {
            if (!upgraded && indexOf(buffer, n, UPGRADED) >= 0) {
              upgraded = true;
            } else if (upgraded && indexOf(buffer, n, ANSWER) >= 0 && fired.compareAndSet(false, true)) {
              reset(from);
              reset(to);
              return;
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away: the other follows
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static int indexOf(byte[] data, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
