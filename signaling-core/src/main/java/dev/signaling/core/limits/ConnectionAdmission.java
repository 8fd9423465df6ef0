package dev.signaling.core.limits;

import dev.signaling.core.Handshake;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection accounting every transport of a server consults, so that one limit holds
 * whichever protocol a client speaks. A transport calls {@link #admit} with the client's address
 * when a handshake arrives, before it allocates anything for the connection; on {@link
 * Admitted} it keeps the {@link Ticket} and releases it exactly when the connection ends (a
 * second release is ignored); on {@link Refused} it answers the handshake with {@link
 * Refused#httpStatus()} and closes.
 *
 * <p>Thread-safe and lock-free: the check and the count are one atomic step per counter, so two
 * racing handshakes never both take the last place.
 */
public final class ConnectionAdmission {
  private final ConnectionLimits limits;
  private final TrustedProxies proxies;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  public ConnectionAdmission(ConnectionLimits limits, TrustedProxies proxies) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.proxies = Objects.requireNonNull(proxies, "proxies");
  }

  public ConnectionLimits limits() {
    return limits;
  }

  /** Whose forwarding headers are believed when {@linkplain #clientAddress finding} a client's address. */
  public TrustedProxies trustedProxies() {
    return proxies;
  }

  /**
   * The address a handshake's connection limits apply to: the direct peer's, or, when the peer is
   * a trusted proxy, the client address its {@code Forwarded} or {@code X-Forwarded-For} header
   * names. See {@link TrustedProxies#clientAddress}.
   */
  public String clientAddress(String peerAddress, String forwarded, String xForwardedFor) {
    return proxies.clientAddress(peerAddress, forwarded, xForwardedFor);
  }

  /**
   * The address a connection's limits apply to, from what its handshake carried: the remote
   * address, and the {@code Forwarded} / {@code X-Forwarded-For} headers when that address is a
   * trusted proxy; {@code "unknown"} (one shared share) when the transport knows no address.
   */
  public String clientAddress(Handshake handshake) {
    return clientAddress(handshake.remoteHost().orElse("unknown"),
        handshake.header("forwarded").orElse(null), handshake.header("x-forwarded-for").orElse(null));
  }

  /** Admits one more connection from {@code clientAddress}, or says why not. */
  public Admission admit(String clientAddress) {
    Objects.requireNonNull(clientAddress, "clientAddress");
    if (total.incrementAndGet() > limits.maxConnections()) {
      total.decrementAndGet();
      return new Refused(503, "server full: " + limits.maxConnections() + " connections");
    }
    boolean[] admitted = new boolean[1];
    perAddress.compute(clientAddress, (address, count) -> {
      AtomicInteger c = count != null ? count : new AtomicInteger();
      if (c.get() < limits.maxConnectionsPerAddress()) {
        c.incrementAndGet();
        admitted[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
      return new Refused(429, "too many connections from one address: " + limits.maxConnectionsPerAddress());
    }
    return new Admitted(new Ticket(clientAddress));
  }

  /** Connections admitted and not yet released. */
  public int connections() {
    return total.get();
  }

  /** Connections admitted from {@code clientAddress} and not yet released. */
  public int connections(String clientAddress) {
    AtomicInteger count = perAddress.get(clientAddress);
    return count == null ? 0 : count.get();
  }

  private void release(String clientAddress) {
    perAddress.computeIfPresent(clientAddress, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    total.decrementAndGet();
  }

  /** The outcome of {@link #admit}. */
  public sealed interface Admission permits Admitted, Refused {}

  /** Admitted: release the ticket when the connection ends. */
  public record Admitted(Ticket ticket) implements Admission {}

  /**
   * Refused: answer the handshake with {@code httpStatus} (429 for the address's limit, 503 for
   * the server's) and {@code reason}, and close.
   */
  public record Refused(int httpStatus, String reason) implements Admission {}

  /** One admitted connection's place. {@link #release()} is idempotent. */
  public final class Ticket {
    private final String clientAddress;
    private final AtomicBoolean released = new AtomicBoolean();

    private Ticket(String clientAddress) {
      this.clientAddress = clientAddress;
    }

    public String clientAddress() {
      return clientAddress;
    }

    /** Gives the place back; the first call counts, later ones are ignored. */
    public void release() {
      if (released.compareAndSet(false, true)) {
        ConnectionAdmission.this.release(clientAddress);
      }
    }
  }
}
