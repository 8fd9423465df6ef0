package dev.signaling.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What the resume mechanism tells a connection about its session, as opposed to the session's
 * numbered events ({@link PeerSink#send(ServerEvent, long)}). Each protocol writes these its
 * own way: the native protocol as {@code welcome}, {@code resumed} and {@code error
 * resume-failed}; Socket.IO through its CONNECT answer.
 */
public sealed interface SessionNotice {

  /** A new resumable session: sent first, before any of the session's events. */
  record Welcome(String peerId, String resumeToken, Duration window) implements SessionNotice {
    public Welcome {
      Objects.requireNonNull(peerId, "peerId");
      Objects.requireNonNull(resumeToken, "resumeToken");
      Objects.requireNonNull(window, "window");
    }

    @Override
    public String toString() {
      return "Welcome{peerId=" + peerId + ", window=" + window + "}"; // never the token
    }
  }

  /**
   * The session continues on this connection; {@code lastClientSeq} is the last client event
   * seq the server processed (0 for none). The replay of missed events follows.
   */
  record Resumed(String peerId, long lastClientSeq) implements SessionNotice {}

  /** The resume asked for was refused; a {@link Welcome} for a new session follows. */
  record ResumeFailed(ResumeOutcome outcome) implements SessionNotice {
    public ResumeFailed {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
