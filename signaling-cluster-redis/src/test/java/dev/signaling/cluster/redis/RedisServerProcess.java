package dev.signaling.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} on a free loopback port, in a temporary directory, for one test
 * class. Never touches a system Redis: own port, own directory, nothing saved unless asked.
 */
public final class RedisServerProcess implements AutoCloseable {
  private final boolean appendOnly;
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServerProcess(boolean appendOnly) throws IOException {
    this.appendOnly = appendOnly;
    this.port = freePort();
    this.dir = Files.createTempDirectory("signaling-redis-test");
  }

  /** Starts a Redis that keeps nothing across restarts. */
  public static RedisServerProcess start() throws Exception {
    return start(false);
  }

  /** Starts a Redis; with {@code appendOnly}, its state survives a kill (fsync on every write). */
  public static RedisServerProcess start(boolean appendOnly) throws Exception {
    RedisServerProcess server = new RedisServerProcess(appendOnly);
    server.launch();
    return server;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server at once, as a crash would. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server on port " + port + " did not die");
      }
      process = null;
    }
  }

  /** Starts the server again on the same port (and directory). */
  public void restart() throws Exception {
    kill();
    launch();
  }

  private void launch() throws Exception {
    List<String> command = new ArrayList<>(List.of("redis-server",
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
        "--save", "", "--daemonize", "no", "--loglevel", "warning"));
    if (appendOnly) {
      command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      command.addAll(List.of("--appendonly", "no"));
    }
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run redis-server; install it (apt-get install "
          + "redis-server), as .ci/run does", e);
    }
    awaitPong();
  }

  private void awaitPong() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      if (pong()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING in 10 s");
  }

  private boolean pong() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
