package dev.signaling.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that cuts connections at random moments, for resume tests: each
 * client connection is forwarded to the target, and after a random number of bytes (both
 * directions counted, uniformly between half and one and a half times {@code meanBytesBetweenCuts})
 * both of its sockets are reset at once, possibly in the middle of a frame. Bytes read but not
 * yet forwarded are lost, as on a failing network. Clients reconnect through the proxy.
 *
 * <p>Two threads per connection, blocking I/O; {@link #close()} stops everything.
 */
public final class FaultyProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private volatile long meanBytesBetweenCuts;
  private Random random;
  private final List<Pair> pairs = new CopyOnWriteArrayList<>();
  /** Connections dropped on the client's side only, their server side still open. */
  private final List<Pair> silenced = new CopyOnWriteArrayList<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread acceptor;
  /** Whether one budget counts the bytes of every connection together; see {@link #cutEveryAcrossConnections}. */
  private volatile boolean shared;
  /** The shared budget's bytes left (guarded by this). */
  private long sharedLeft;

  /**
   * @param meanBytesBetweenCuts average traffic a connection carries before it is cut; 0 never cuts
   * @param seed for the random cut points, so a failing run can be repeated
   */
  public FaultyProxy(int targetPort, long meanBytesBetweenCuts, long seed) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.meanBytesBetweenCuts = meanBytesBetweenCuts;
    this.random = new Random(seed);
    this.acceptor = new Thread(this::accept, "faulty-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Connections cut so far. */
  public int cuts() {
    return cuts.get();
  }

  /** Client connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /**
   * From now on, cuts connections after about {@code meanBytes} each (0: never), with cut points
   * drawn from {@code seed}; connections open now get a new budget too.
   */
  public synchronized void cutEvery(long meanBytes, long seed) {
    this.meanBytesBetweenCuts = meanBytes;
    this.random = new Random(seed);
    for (Pair pair : pairs) {
      pair.budget.set(nextBudget());
    }
  }

  /**
   * From now on, counts the bytes of all connections together (both directions) and cuts the
   * connection that carries the byte where about {@code meanBytes} run out, then starts counting
   * again: for clients that open many short connections (HTTP long-polling without keep-alive),
   * where no single connection carries enough traffic to meet a budget of its own.
   */
  public synchronized void cutEveryAcrossConnections(long meanBytes, long seed) {
    this.meanBytesBetweenCuts = meanBytes;
    this.random = new Random(seed);
    this.shared = meanBytes > 0;
    this.sharedLeft = nextBudget();
  }

  /** Cuts every open connection now. */
  public void cutAll() {
    for (Pair pair : pairs) {
      pair.cut();
    }
  }

  /**
   * Drops every open connection on the client's side only: the client's socket is reset, while
   * the server's side stays open and silent, as when a client's network vanishes and no reset
   * reaches the server. What the server sends is swallowed; the server's side is closed when the
   * server closes it, or when the proxy closes.
   */
  public void dropClientsSilently() {
    for (Pair pair : pairs) {
      pair.silence();
    }
  }

  private synchronized long nextBudget() {
    if (meanBytesBetweenCuts <= 0) {
      return Long.MAX_VALUE;
    }
    return meanBytesBetweenCuts / 2 + (long) (random.nextDouble() * meanBytesBetweenCuts);
  }

  /** Takes {@code read} bytes from the shared budget: what was left before, renewed when it runs out. */
  private synchronized long spendShared(int read) {
    long left = sharedLeft;
    sharedLeft = left > read ? left - read : nextBudget();
    return left;
  }

  private void accept() {
    while (!closed.get()) {
      try {
        Socket client = listener.accept();
        connections.incrementAndGet();
        Socket server = new Socket();
        try {
          server.connect(target, 5_000);
        } catch (IOException e) {
          client.close();
          continue;
        }
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        Pair pair = new Pair(client, server, nextBudget());
        pairs.add(pair);
        pair.start();
      } catch (IOException e) {
        if (!closed.get()) {
          throw new IllegalStateException("proxy accept failed", e);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed.set(true);
    listener.close();
    cutAll();
    for (Pair pair : silenced) {
      pair.reset(pair.server);
    }
  }

  /** One proxied connection: client ⇄ server, with a budget of bytes before it is cut. */
  private final class Pair {
    private final Socket client;
    private final Socket server;
    private final AtomicLong budget;
    private final AtomicBoolean cut = new AtomicBoolean();
    /** Dropped on the client's side only ({@link #dropClientsSilently}): nothing is forwarded. */
    private volatile boolean silent;

    Pair(Socket client, Socket server, long budget) {
      this.client = client;
      this.server = server;
      this.budget = new AtomicLong(budget);
    }

    void start() {
      pump(client, server, "up");
      pump(server, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          int read;
          while ((read = in.read(buffer)) >= 0) {
            if (silent) {
              continue; // swallowed: the client is gone, the server does not know
            }
            long left = shared ? spendShared(read) : budget.getAndAdd(-read);
            if (left <= read) {
              // The cut falls inside this chunk: forward its first part only, then reset both sides.
              if (left > 0) {
                out.write(buffer, 0, (int) left);
                out.flush();
              }
              cut();
              return;
            }
            out.write(buffer, 0, read);
            out.flush();
          }
          if (!silent) {
            end(); // one side closed: close the other
          }
        } catch (IOException e) {
          if (!silent) {
            end();
          }
        }
      }, "faulty-proxy-" + direction);
      thread.setDaemon(true);
      thread.start();
    }

    /** The proxy cuts the connection: counted. */
    void cut() {
      if (cut.compareAndSet(false, true)) {
        cuts.incrementAndGet();
        pairs.remove(this);
        reset(client);
        reset(server);
      }
    }

    void silence() {
      if (cut.compareAndSet(false, true)) {
        silent = true;
        cuts.incrementAndGet();
        pairs.remove(this);
        silenced.add(this);
        reset(client);
      }
    }

    /** An end seen from one side, passed on to the other. */
    private void end() {
      if (cut.compareAndSet(false, true)) {
        pairs.remove(this);
        reset(client);
        reset(server);
      }
    }

    private void reset(Socket socket) {
      try {
        socket.setSoLinger(true, 0); // RST: nothing queued is delivered
        socket.close();
      } catch (SocketException e) {
        // already closed
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
