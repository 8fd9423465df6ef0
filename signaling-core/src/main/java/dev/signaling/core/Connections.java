package dev.signaling.core;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connections of one engine, for every transport alike ({@link SignalingEngine#connections()}):
 * a transport {@linkplain #admit admits} each new connection here before it serves it, and
 * reports its transport changes, send queue and end to the returned {@link Connection}. This is
 * where connections are counted by protocol and transport, and where a draining engine refuses
 * new ones and closes those open.
 *
 * <p>Thread-safe; every method returns at once.
 */
public final class Connections {
  private final SignalingObserver observer;
  private final Runnable onEmpty;
  private final ConcurrentHashMap<Long, Connection> open = new ConcurrentHashMap<>();
  private final Map<WireProtocol, Map<TransportKind, LongAdder>> counts = new EnumMap<>(WireProtocol.class);
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder queuedBytes = new LongAdder();
  /** New connections are refused (the drain began). */
  private volatile boolean draining;
  /** Open connections are being closed (the drain's second step): no new work starts. */
  private volatile boolean closingAll;

  Connections(SignalingObserver observer, Runnable onEmpty) {
    this.observer = observer;
    this.onEmpty = onEmpty;
    for (WireProtocol protocol : WireProtocol.values()) {
      Map<TransportKind, LongAdder> byTransport = new EnumMap<>(TransportKind.class);
      for (TransportKind transport : TransportKind.values()) {
        byTransport.put(transport, new LongAdder());
      }
      counts.put(protocol, byTransport);
    }
  }

  /**
   * Admits a new connection, or refuses it (empty) while the engine drains: the transport then
   * turns it away with close code 1012 (service restart) or HTTP 503, and calls nothing else.
   * The transport reports the admitted connection's end with {@link Connection#closed}.
   *
   * @param closer how the engine closes this connection when it drains
   */
  public Optional<Connection> admit(WireProtocol protocol, TransportKind transport, Connection.Closer closer) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(closer, "closer");
    if (draining) {
      observer.connectionRefused(protocol, transport, CloseReason.SERVICE_RESTART.code());
      return Optional.empty();
    }
    Connection connection = new Connection(ids.incrementAndGet(), protocol, transport, this, closer);
    open.put(connection.id(), connection);
    counts.get(protocol).get(transport).increment();
    observer.connectionOpened(connection);
    if (draining) {
      // drain() began meanwhile and may have missed this one in its sweep.
      connection.close(CloseReason.SERVICE_RESTART, "server draining");
    }
    return Optional.of(connection);
  }

  /** Reports a connection a transport refused by its own rules ({@code code}: a close code or HTTP status). */
  public void refused(WireProtocol protocol, TransportKind transport, int code) {
    observer.connectionRefused(protocol, transport, code);
  }

  /** Whether new connections are refused: the engine is draining. */
  public boolean isDraining() {
    return draining;
  }

  /** Open connections. */
  public long count() {
    return open.size();
  }

  /** Open connections speaking {@code protocol} over {@code transport}. */
  public long count(WireProtocol protocol, TransportKind transport) {
    return counts.get(protocol).get(transport).sum();
  }

  /** Bytes waiting in the send queues of all open connections (as the transports measure them). */
  public long queuedBytes() {
    return queuedBytes.sum();
  }

  /** The open connections now (a snapshot view; for admin tools, not for hot paths). */
  public Collection<Connection> open() {
    return List.copyOf(open.values());
  }

  /** Refuses new connections from now on; those open keep working. */
  void refuseNew() {
    draining = true;
  }

  boolean isClosingAll() {
    return closingAll;
  }

  /** Refuses new connections from now on and closes the open ones with 1012 (service restart). */
  void drain() {
    draining = true;
    closingAll = true;
    for (Connection connection : open.values()) {
      connection.close(CloseReason.SERVICE_RESTART, "server draining");
    }
  }

  void moved(Connection connection, TransportKind from, TransportKind to) {
    counts.get(connection.protocol()).get(from).decrement();
    counts.get(connection.protocol()).get(to).increment();
  }

  void upgradeReported(Connection connection, TransportKind from) {
    observer.connectionUpgraded(connection, from);
  }

  void uncount(Connection connection) {
    counts.get(connection.protocol()).get(connection.transport()).decrement();
  }

  void queuedChanged(long delta) {
    queuedBytes.add(delta);
  }

  /** Called once per connection (see {@link Connection#closed}). */
  void ended(Connection connection, int closeCode, String reason) {
    // Observed before it leaves the open set: whoever sees the set empty (a drain) sees it counted.
    observer.connectionClosed(connection, closeCode, reason);
    open.remove(connection.id());
    if (open.isEmpty()) {
      onEmpty.run();
    }
  }
}
