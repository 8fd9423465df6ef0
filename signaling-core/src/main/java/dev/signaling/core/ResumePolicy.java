package dev.signaling.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long, and with how much buffered, a dropped connection's session waits to be resumed.
 * Immutable and validated; start from {@link #DEFAULT} (30 s, 1,000 events, 1 MiB) or {@link
 * #OFF}.
 *
 * <p>While a session waits, its peer stays in its room and events for it are buffered. The
 * buffer holds at most {@code maxEvents} events and {@code maxBytes} (estimated encoded size);
 * a session that would need more is no longer resumable and ends at once, as a closed
 * connection always did (its partners get {@code bye}).
 *
 * @param window how long a dropped session may be resumed; zero turns resume off
 * @param maxEvents events kept for replay per session
 * @param maxBytes estimated bytes kept for replay per session
 * @param notifyPeers whether the other members of a dropped peer's room are told {@code
 *     peer-disconnected} when its connection drops and {@code peer-reconnected} when it resumes
 *     (on by default; informational: {@code bye} still marks the peer's end)
 * @param reconnectGrace how long a resume waits for the end of its session's old connection
 *     when it arrives before the server noticed that connection drop (default 2 s): the old
 *     connection is pinged and, if it does not answer within half of it, closed as dropped, so
 *     the resume succeeds; if it proves alive, the resume is refused ({@code in-use}) as at once
 *     with {@link Duration#ZERO}
 */
public record ResumePolicy(Duration window, int maxEvents, long maxBytes, boolean notifyPeers,
    Duration reconnectGrace) {
  /** The default reconnect grace: 2 seconds (before {@link #DEFAULT}, which uses it). */
  public static final Duration DEFAULT_RECONNECT_GRACE = Duration.ofSeconds(2);
  /** 30 seconds, 1,000 events, 1 MiB. */
  public static final ResumePolicy DEFAULT = builder().build();
  /** Resume turned off: a dropped connection ends its session at once. */
  public static final ResumePolicy OFF = builder().window(Duration.ZERO).build();

  /** A policy that tells peers of drops and resumes ({@code notifyPeers}). */
  public ResumePolicy(Duration window, int maxEvents, long maxBytes) {
    this(window, maxEvents, maxBytes, true);
  }

  /** A policy with the default reconnect grace ({@link #DEFAULT_RECONNECT_GRACE}). */
  public ResumePolicy(Duration window, int maxEvents, long maxBytes, boolean notifyPeers) {
    this(window, maxEvents, maxBytes, notifyPeers, DEFAULT_RECONNECT_GRACE);
  }

  public ResumePolicy {
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("resume window must not be negative, got " + window);
    }
    if (maxEvents < 1) {
      throw new IllegalArgumentException("resume maxEvents must be at least 1, got " + maxEvents);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("resume maxBytes must be at least 1, got " + maxBytes);
    }
    Objects.requireNonNull(reconnectGrace, "reconnectGrace");
    if (reconnectGrace.isNegative()) {
      throw new IllegalArgumentException("resume reconnectGrace must not be negative, got " + reconnectGrace);
    }
  }

  /** Whether dropped sessions may be resumed at all (the window is not zero). */
  public boolean enabled() {
    return !window.isZero();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().window(window).maxEvents(maxEvents).maxBytes(maxBytes).notifyPeers(notifyPeers)
        .reconnectGrace(reconnectGrace);
  }

  public static final class Builder {
    private Duration window = Duration.ofSeconds(30);
    private int maxEvents = 1000;
    private long maxBytes = 1 << 20;
    private boolean notifyPeers = true;
    private Duration reconnectGrace = DEFAULT_RECONNECT_GRACE;

    private Builder() {}

    /** How long a dropped session may be resumed; {@link Duration#ZERO} turns resume off. */
    public Builder window(Duration window) {
      this.window = window;
      return this;
    }

    public Builder maxEvents(int maxEvents) {
      this.maxEvents = maxEvents;
      return this;
    }

    public Builder maxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Whether a dropped peer's room partners get {@code peer-disconnected} / {@code
     * peer-reconnected} (true by default). Turn it off for clients that treat unknown events as
     * errors.
     */
    public Builder notifyPeers(boolean notifyPeers) {
      this.notifyPeers = notifyPeers;
      return this;
    }

    /**
     * How long a resume that finds its session still attached to a connection waits for that
     * connection's end (2 s by default): a client that reconnects before the server noticed the
     * drop (the old connection's reset not read yet, or a link that died without one) is
     * resumed rather than refused. The old connection is pinged and closed as dropped unless it
     * answers within half the grace; a live one (a stolen token used while its owner is still
     * connected) keeps its session and the resume is refused, {@code in-use}. Zero: refused at
     * once.
     */
    public Builder reconnectGrace(Duration reconnectGrace) {
      this.reconnectGrace = reconnectGrace;
      return this;
    }

    public ResumePolicy build() {
      return new ResumePolicy(window, maxEvents, maxBytes, notifyPeers, reconnectGrace);
    }
  }
}
