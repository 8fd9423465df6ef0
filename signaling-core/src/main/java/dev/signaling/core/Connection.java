package dev.signaling.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection as the engine counts it, whatever its protocol and transport: admitted by
 * {@link Connections#admit}, told of a transport change ({@link #upgraded}) and of the bytes its
 * send queue holds ({@link #queued}), and ended exactly once ({@link #closed}). The engine closes
 * it through the transport's {@link Closer} when it drains.
 *
 * <p>Transports report to it; applications only read it (in a {@link SignalingObserver}). All
 * methods are thread-safe.
 */
public final class Connection {

  /** How the engine closes a connection: implemented by the transport. Idempotent, never blocks. */
  @FunctionalInterface
  public interface Closer {
    void close(CloseReason reason, String description);
  }

  private final long id;
  private final WireProtocol protocol;
  private final Connections owner;
  private final Closer closer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong queuedBytes = new AtomicLong();
  private volatile TransportKind transport;

  Connection(long id, WireProtocol protocol, TransportKind transport, Connections owner, Closer closer) {
    this.id = id;
    this.protocol = protocol;
    this.transport = transport;
    this.owner = owner;
    this.closer = closer;
  }

  /** A number for logs, distinct among this engine's connections (not a secret, not a peer id). */
  public long id() {
    return id;
  }

  public WireProtocol protocol() {
    return protocol;
  }

  /** The transport now; changes once when a Socket.IO session upgrades. */
  public TransportKind transport() {
    return transport;
  }

  /** Whether {@link #closed} was reported. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Bytes (or chars, as the transport measures them) waiting in this connection's send queue. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  /** The transport now carries this connection over {@code to}. */
  public void upgraded(TransportKind to) {
    TransportKind from;
    synchronized (this) { // with closed(): the count moves and ends under the same transport
      from = transport;
      if (from == to || closed.get()) {
        return;
      }
      transport = to;
      owner.moved(this, from, to);
    }
    owner.upgradeReported(this, from);
  }

  /** The send queue grew ({@code delta > 0}) or shrank by {@code delta}. Cheap: call it per frame. */
  public void queued(long delta) {
    if (delta != 0 && !closed.get()) {
      queuedBytes.addAndGet(delta);
      owner.queuedChanged(delta);
    }
  }

  /**
   * The connection ended with {@code closeCode} (RFC 6455; 1006 when it broke without a close)
   * and {@code reason} (the close frame's reason, or what the transport saw; may be empty).
   * Reported once; later calls are ignored.
   */
  public void closed(int closeCode, String reason) {
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      long left = queuedBytes.getAndSet(0);
      if (left != 0) {
        owner.queuedChanged(-left);
      }
      owner.uncount(this);
    }
    owner.ended(this, closeCode, reason == null ? "" : reason);
  }

  /** Asks the transport to close the connection; it then reports {@link #closed}. */
  public void close(CloseReason reason, String description) {
    if (!closed.get()) {
      closer.close(reason, description);
    }
  }

  @Override
  public String toString() {
    return "Connection{id=" + id + ", " + protocol.tag() + "/" + transport.tag()
        + (closed.get() ? ", closed" : "") + "}";
  }
}
