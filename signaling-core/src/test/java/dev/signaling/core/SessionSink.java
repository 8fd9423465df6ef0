package dev.signaling.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PeerSink} of one connection to a resumable session: records numbered events and
 * session notices as a resume-aware transport would write them, and reports its end to the
 * peer as a dropped connection or an orderly close.
 */
public final class SessionSink implements PeerSink {
  /** A numbered event as the client would see it. */
  public record Numbered(long seq, ServerEvent event) {}

  public final List<Numbered> events = new CopyOnWriteArrayList<>();
  public final List<SessionNotice> notices = new CopyOnWriteArrayList<>();
  public volatile CloseReason closedWith;
  /** What each {@link #probe} allowed the client to answer in. */
  public final List<java.time.Duration> probes = new CopyOnWriteArrayList<>();
  /** Set when the engine's authenticator refused the connection. */
  public volatile SignalingException refusedWith;
  public Peer peer;

  public static SessionSink connect(SignalingEngine engine) {
    return connect(engine, null);
  }

  public static SessionSink connect(SignalingEngine engine, ResumeRequest resume) {
    return connect(engine, Handshake.empty(), resume);
  }

  /** Connects with {@code handshake} (authenticated when the engine has an authenticator). */
  public static SessionSink connect(SignalingEngine engine, Handshake handshake, ResumeRequest resume) {
    SessionSink sink = new SessionSink();
    sink.peer = engine.connect(handshake, sink, resume);
    return sink;
  }

  @Override
  public void send(ServerEvent event) {
    throw new AssertionError("a resumable session must number its events: " + event);
  }

  @Override
  public void send(ServerEvent event, long seq) {
    events.add(new Numbered(seq, event));
  }

  @Override
  public void session(SessionNotice notice) {
    notices.add(notice);
  }

  @Override
  public void close(CloseReason reason, String description) {
    if (closedWith == null) {
      closedWith = reason;
      peer.connectionLost(); // the transport reports the end; the peer decides whether it may resume
    }
  }

  @Override
  public void refuse(SignalingException refusal) {
    refusedWith = refusal;
  }

  /** Two connections in room "foo" (the first created it), their join events already seen. */
  public static SessionSink[] pair(SignalingEngine engine) {
    SessionSink first = connect(engine);
    SessionSink second = connect(engine);
    first.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    second.peer.receive(new ClientEvent.CreateOrJoin("foo"));
    return new SessionSink[] {first, second};
  }

  /** A resume of this connection's session by a client that received every event up to {@code lastSeq}. */
  public ResumeRequest resumeFrom(long lastSeq) {
    return new ResumeRequest(welcome().resumeToken(), lastSeq);
  }

  /** Connects through {@link SignalingEngine#connectAsync}: {@link #peer} is set once it completes. */
  public static java.util.concurrent.CompletableFuture<SessionSink> connectAsync(SignalingEngine engine, ResumeRequest resume) {
    SessionSink sink = new SessionSink();
    return engine.connectAsync(Handshake.empty(), sink, resume).toCompletableFuture().thenApply(peer -> {
      sink.peer = peer;
      return sink;
    });
  }

  @Override
  public void probe(java.time.Duration within) {
    probes.add(within);
  }

  /** The connection drops (no orderly close). */
  public void drop() {
    peer.connectionLost();
  }

  public SessionNotice.Welcome welcome() {
    return notices.stream().filter(SessionNotice.Welcome.class::isInstance)
        .map(SessionNotice.Welcome.class::cast).reduce((a, b) -> b).orElseThrow();
  }

  public long lastSeq() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
  }

  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (Numbered numbered : events) {
      names.add(numbered.event().name());
    }
    return names;
  }

  public List<Long> seqs() {
    List<Long> seqs = new ArrayList<>();
    for (Numbered numbered : events) {
      seqs.add(numbered.seq());
    }
    return seqs;
  }
}
