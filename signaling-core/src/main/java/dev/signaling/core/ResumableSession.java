package dev.signaling.core;

import dev.signaling.core.internal.ReplayLog;
import dev.signaling.core.internal.TokenDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The resumable side of one {@link Peer}: which connection it is attached to, the numbered
 * events kept for replay, and the window timer while it is detached. One monitor guards it all,
 * so numbering an event and handing it to the connection are one step: connections receive
 * events in seq order, and a resume's replay cannot interleave with live events.
 *
 * <p>States: attached → detached (connection lost) → attached (resumed) … → ended. Sinks only
 * queue ({@link PeerSink#send}), so holding the monitor while calling them does no I/O.
 */
final class ResumableSession {
  private enum State { ATTACHED, DETACHED, ENDED }

  private final String token;
  /** The token's SHA-256 digest: the session's name in the engine's index and across a cluster. */
  private final String tokenDigest;
  private final Duration window;
  private final Scheduler scheduler;
  private final ReplayLog log;
  private PeerSink sink;
  private State state = State.ATTACHED;
  /** The last seq sent when the connection was lost: events above it never reached the client. */
  private long detachedAtSeq;
  /** Identifies the current detachment, so a stale timer cannot end a session resumed since. */
  private Object detachment;
  private Scheduler.Cancellable expiry;
  /** Told once when the attached connection is lost or the session ends (resumes waiting for it). */
  private List<Runnable> releaseWaiters;

  ResumableSession(String token, ResumePolicy policy, Scheduler scheduler, PeerSink sink) {
    this.token = token;
    this.tokenDigest = TokenDigest.of(token);
    this.window = policy.window();
    this.scheduler = scheduler;
    this.log = new ReplayLog(policy.maxEvents(), policy.maxBytes());
    this.sink = sink;
  }

  String token() {
    return token;
  }

  String tokenDigest() {
    return tokenDigest;
  }

  Duration window() {
    return window;
  }

  /**
   * Numbers and keeps {@code event}, and sends it when attached. True when the session can no
   * longer be resumed: it is detached and an event the client never got was dropped.
   */
  synchronized boolean send(ServerEvent event) {
    if (state == State.ENDED) {
      return false;
    }
    long seq = log.append(event);
    if (state == State.ATTACHED) {
      sink.send(event, seq);
      return false;
    }
    return !log.holdsAllAfter(detachedAtSeq);
  }

  /** Sends a notice to the attached connection, if any. */
  synchronized void notice(SessionNotice notice) {
    if (state == State.ATTACHED) {
      sink.session(notice);
    }
  }

  /** The client confirmed it received every event up to {@code seq}: they need no replay. */
  synchronized void acknowledged(long seq) {
    log.dropThrough(seq);
  }

  /** The connection attached now, or null when detached or ended. */
  synchronized PeerSink sink() {
    return state == State.ATTACHED ? sink : null;
  }

  /**
   * The connection was lost: keeps the session for the window, then runs {@code onExpiry}
   * unless resumed meanwhile. False when it was not attached (ended already).
   */
  synchronized boolean detach(Runnable onExpiry) {
    if (state != State.ATTACHED) {
      return false;
    }
    released();
    state = State.DETACHED;
    sink = null;
    detachedAtSeq = log.lastSeq();
    Object current = new Object();
    detachment = current;
    expiry = scheduler.schedule(window, () -> {
      if (expire(current)) {
        onExpiry.run();
      }
    });
    return true;
  }

  private synchronized boolean expire(Object which) {
    if (state != State.DETACHED || detachment != which) {
      return false;
    }
    state = State.ENDED;
    return true;
  }

  /**
   * Attaches a new connection that received every event up to {@code lastSeq}: tells it {@code
   * resumed}, replays the later events, and from then on sends to it. A refused resume of a
   * detached session that can never be resumed (overflowed, impossible seq) ends it; the
   * caller then ends the peer.
   */
  synchronized ResumeOutcome attach(PeerSink newSink, long lastSeq, String peerId, long lastClientSeq) {
    if (state == State.ENDED) {
      return ResumeOutcome.EXPIRED;
    }
    if (state == State.ATTACHED) {
      return ResumeOutcome.IN_USE;
    }
    if (lastSeq < 0 || lastSeq > log.lastSeq()) {
      end();
      return ResumeOutcome.INVALID_SEQ;
    }
    if (!log.holdsAllAfter(lastSeq)) {
      end();
      return ResumeOutcome.OVERFLOWED;
    }
    cancelExpiry();
    state = State.ATTACHED;
    sink = newSink;
    newSink.session(new SessionNotice.Resumed(peerId, lastClientSeq));
    log.forEachAfter(lastSeq, newSink::send);
    return ResumeOutcome.RESUMED;
  }

  /** Ends the session for good; true when this call ended it. */
  synchronized boolean end() {
    if (state == State.ENDED) {
      return false;
    }
    state = State.ENDED;
    sink = null;
    cancelExpiry();
    released();
    return true;
  }

  /**
   * Runs {@code waiter} once when the connection attached now is lost or the session ends; false
   * (and never runs it) when no connection is attached now. The waiter runs under this session's
   * monitor: it must only hand work on.
   */
  synchronized boolean whenReleased(Runnable waiter) {
    if (state != State.ATTACHED) {
      return false;
    }
    if (releaseWaiters == null) {
      releaseWaiters = new ArrayList<>(1);
    }
    releaseWaiters.add(waiter);
    return true;
  }

  private void released() {
    List<Runnable> waiters = releaseWaiters;
    releaseWaiters = null;
    if (waiters != null) {
      waiters.forEach(Runnable::run);
    }
  }

  /**
   * Ends the session if it is detached (its client went to another node): true when this call
   * ended it. An attached session is left as it is.
   */
  synchronized boolean endIfDetached() {
    return state == State.DETACHED && end();
  }

  synchronized boolean isEnded() {
    return state == State.ENDED;
  }

  synchronized boolean isAttached() {
    return state == State.ATTACHED;
  }

  synchronized boolean isDetached() {
    return state == State.DETACHED;
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel();
      expiry = null;
    }
  }
}
