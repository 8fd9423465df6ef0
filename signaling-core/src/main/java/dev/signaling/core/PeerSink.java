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

  /**
   * Closes the connection. Idempotent. The transport then calls {@link Peer#disconnected()} (or
   * {@link Peer#connectionLost()}: a session the server closed is never resumable).
   */
  void close(CloseReason reason, String description);

  /**
   * Queues {@code event}, the session's event number {@code seq} (1, 2, 3 … per session), for the
   * client. Called instead of {@link #send(ServerEvent)} for resumable sessions, in seq order; a
   * replay after a resume repeats events with their original numbers. Protocols that number
   * events on the wire (native {@code "seq"}, Socket.IO offsets) override it; the default drops
   * the number.
   */
  default void send(ServerEvent event, long seq) {
    send(event);
  }

  /**
   * Tells the connection about its session (welcome, resumed, resume failed), before any of the
   * events it concerns. Same threading as {@link #send}. The default ignores it: a protocol
   * without resume.
   */
  default void session(SessionNotice notice) {}

  /**
   * A client is resuming this connection's session, so this connection may be dead without the
   * server having noticed yet (its reset not read, or a link that died silently): asks the client
   * for a sign of life now (a ping) and, unless one comes within {@code within}, closes the
   * connection as dropped, reporting {@link Peer#connectionLost()}. A live connection keeps its
   * session and the resume is refused. Never blocks. The default does nothing: the resume then
   * waits for the transport to notice the end by itself, for the grace ({@link
   * ResumePolicy#reconnectGrace()}).
   */
  default void probe(java.time.Duration within) {}

  /**
   * The engine's {@link Authenticator} refused the connection ({@code refusal}'s code is {@code
   * unauthorized}, or {@code unavailable} when the check could not run). Called once, instead of
   * any other event. The default suits protocols with an {@code error} event: sends it, then
   * closes with 1008 (1013 for {@code unavailable}, so clients try again later). Protocols with
   * their own refusal (Socket.IO's CONNECT_ERROR) override it.
   */
  default void refuse(SignalingException refusal) {
    send(refusal.toEvent());
    close(refusal.code() == ErrorCode.UNAVAILABLE ? CloseReason.TRY_AGAIN_LATER : CloseReason.POLICY_VIOLATION,
        refusal.code().wireCode());
  }
}
