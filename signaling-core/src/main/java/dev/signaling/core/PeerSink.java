package dev.signaling.core;

/**
 * Where the core sends events for one connected peer: implemented by each transport.
 *
 * <p>Threading: {@link #send} is called from any thread, possibly concurrently (other peers'
 * threads relay into this one). It must not block: queue the event and return. Events sent from
 * one thread must reach the client in the order sent.
 */
public interface PeerSink {

  /** Queues {@code event} for the client. Never blocks; failures close the connection. */
  void send(ServerEvent event);

  /** Closes the connection. Idempotent. The transport then calls {@link Peer#disconnected()}. */
  void close(CloseReason reason, String description);
}
