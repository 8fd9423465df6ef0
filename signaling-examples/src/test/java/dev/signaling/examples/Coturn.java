package dev.signaling.examples;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code turnserver} from Debian's {@code coturn} package, from {@code PATH})
 * started by a test on one address and a free port, checking TURN REST API credentials
 * ({@code use-auth-secret}, {@code static-auth-secret}). Its log goes to a file in its own
 * temporary directory, printed when it fails to start.
 */
public final class Coturn implements AutoCloseable {
  public static final String REALM = "signaling.test";

  private final Process process;
  private final Path directory;
  private final InetSocketAddress address;

  private Coturn(Process process, Path directory, InetSocketAddress address) {
    this.process = process;
    this.directory = directory;
    this.address = address;
  }

  /**
   * Starts coturn on {@code host} (listening and relaying there) accepting credentials signed
   * with any of {@code secrets}, and waits until it answers STUN (at most 10 s).
   */
  public static Coturn start(String host, String... secrets) throws IOException, InterruptedException {
    InetAddress ip = InetAddress.getByName(host);
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(ip, 0))) {
      port = probe.getLocalPort();
    }
    Path directory = Files.createTempDirectory("coturn");
    List<String> command = new ArrayList<>(List.of(
        "turnserver", "-n", // no configuration file: everything is here
        "--listening-ip=" + ip.getHostAddress(), "--listening-port=" + port,
        "--relay-ip=" + ip.getHostAddress(),
        "--use-auth-secret", "--realm=" + REALM,
        "--no-tls", "--no-dtls", "--no-cli", "--no-software-attribute",
        "--log-file=" + directory.resolve("turnserver.log"), "--simple-log", "--no-stdout-log",
        "--pidfile=" + directory.resolve("turnserver.pid"),
        "--userdb=" + directory.resolve("turndb")));
    if (ip.isLoopbackAddress()) {
      command.add("--allow-loopback-peers"); // tests relay between loopback addresses only
    }
    for (String secret : secrets) {
      command.add("--static-auth-secret=" + secret);
    }
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("turnserver.out").toFile())
        .start();
    Coturn coturn = new Coturn(process, directory, new InetSocketAddress(ip, port));
    try (TurnClient probe = new TurnClient(coturn.address)) {
      if (!probe.answersBinding(Duration.ofSeconds(10))) {
        String log = coturn.log();
        coturn.close();
        throw new IOException("coturn did not answer STUN on " + coturn.address + " within 10 s; exit "
            + (process.isAlive() ? "none (running)" : process.exitValue()) + "; log:\n" + log);
      }
    }
    return coturn;
  }

  /** Where it listens for TURN over UDP (and TCP). */
  public InetSocketAddress address() {
    return address;
  }

  /** {@code turn:HOST:PORT?transport=udp} for this server. */
  public String udpUrl() {
    return "turn:" + address.getAddress().getHostAddress() + ":" + address.getPort() + "?transport=udp";
  }

  /** coturn's log so far. */
  public String log() throws IOException {
    Path log = directory.resolve("turnserver.log");
    Path out = directory.resolve("turnserver.out");
    return (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "")
        + (Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
