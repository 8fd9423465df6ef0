package dev.signaling.core.limits;

/**
 * How many connections a server holds at once: in all, and per client address. A connection is
 * a WebSocket (either protocol) or an Engine.IO long-polling session not (yet) upgraded to one.
 * Over either limit the handshake is refused before anything is allocated for it: HTTP 503 when
 * the server is full, 429 when the client's address holds its share already.
 *
 * @param maxConnections connections in all (default 10,000)
 * @param maxConnectionsPerAddress connections from one client address (default 100)
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress) {
  /** 10,000 connections in all, 100 per address. */
  public static final ConnectionLimits DEFAULT = new ConnectionLimits(10_000, 100);
  /** No limit. */
  public static final ConnectionLimits UNLIMITED = new ConnectionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  public ConnectionLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
    }
    if (maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, got " + maxConnectionsPerAddress);
    }
  }

  @Override
  public String toString() {
    return "ConnectionLimits{max=" + maxConnections + ", perAddress=" + maxConnectionsPerAddress + "}";
  }
}
