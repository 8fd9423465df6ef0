package dev.signaling.core;

import dev.signaling.core.limits.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a {@link SignalingEngine}. Start from {@link #DEFAULT} or {@link
 * #builder()}; every value is validated when built.
 *
 * @param roomCapacity peers a room holds; the codelab's value, 2, is the default
 * @param maxRoomNameBytes longest room name in UTF-8 bytes (default 128)
 * @param clientLogging send {@code log} lines to clients (off by default: they expose internals)
 * @param ipAddrAnswers answer {@code ipaddr} requests (off by default: they expose addresses)
 * @param errorLimit errors a peer may cause within {@code errorWindow} before it is closed
 *     with 1008 (policy violation)
 * @param errorWindow the window {@code errorLimit} counts in
 * @param iceServers STUN/TURN servers offered to clients; empty by default (no public host)
 * @param resume how dropped connections resume their sessions: {@link ResumePolicy#DEFAULT} by
 *     default (30 s, 1,000 events, 1 MiB; native clients get {@code welcome} and numbered
 *     events, which codelab-style clients ignore); {@link ResumePolicy#OFF} or a zero {@link
 *     Builder#resumeWindow} turns it off
 * @param rateLimit how fast one connection may send events ({@link RateLimit#DEFAULT}: 50/s,
 *     bursts of 200); events over it get {@code error} {@code rate-limited}
 */
public record SignalingConfig(
    int roomCapacity,
    int maxRoomNameBytes,
    boolean clientLogging,
    boolean ipAddrAnswers,
    int errorLimit,
    Duration errorWindow,
    List<IceServer> iceServers,
    ResumePolicy resume,
    RateLimit rateLimit) {

  public static final SignalingConfig DEFAULT = builder().build();

  public SignalingConfig {
    if (roomCapacity < 1) {
      throw new IllegalArgumentException("roomCapacity must be at least 1, got " + roomCapacity);
    }
    if (maxRoomNameBytes < 1) {
      throw new IllegalArgumentException("maxRoomNameBytes must be at least 1, got " + maxRoomNameBytes);
    }
    if (errorLimit < 1) {
      throw new IllegalArgumentException("errorLimit must be at least 1, got " + errorLimit);
    }
    Objects.requireNonNull(errorWindow, "errorWindow");
    if (errorWindow.isNegative() || errorWindow.isZero()) {
      throw new IllegalArgumentException("errorWindow must be positive, got " + errorWindow);
    }
    iceServers = List.copyOf(iceServers);
    Objects.requireNonNull(resume, "resume");
    Objects.requireNonNull(rateLimit, "rateLimit");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .roomCapacity(roomCapacity)
        .maxRoomNameBytes(maxRoomNameBytes)
        .clientLogging(clientLogging)
        .ipAddrAnswers(ipAddrAnswers)
        .errorLimit(errorLimit, errorWindow)
        .iceServers(iceServers)
        .resume(resume)
        .rateLimit(rateLimit);
  }

  public static final class Builder {
    private int roomCapacity = 2;
    private int maxRoomNameBytes = 128;
    private boolean clientLogging;
    private boolean ipAddrAnswers;
    private int errorLimit = 20;
    private Duration errorWindow = Duration.ofSeconds(10);
    private List<IceServer> iceServers = List.of();
    private ResumePolicy resume = ResumePolicy.DEFAULT;
    private RateLimit rateLimit = RateLimit.DEFAULT;

    private Builder() {}

    public Builder roomCapacity(int roomCapacity) {
      this.roomCapacity = roomCapacity;
      return this;
    }

    public Builder maxRoomNameBytes(int maxRoomNameBytes) {
      this.maxRoomNameBytes = maxRoomNameBytes;
      return this;
    }

    public Builder clientLogging(boolean clientLogging) {
      this.clientLogging = clientLogging;
      return this;
    }

    public Builder ipAddrAnswers(boolean ipAddrAnswers) {
      this.ipAddrAnswers = ipAddrAnswers;
      return this;
    }

    public Builder errorLimit(int errors, Duration window) {
      this.errorLimit = errors;
      this.errorWindow = window;
      return this;
    }

    public Builder iceServers(List<IceServer> iceServers) {
      this.iceServers = List.copyOf(iceServers);
      return this;
    }

    /**
     * How dropped connections resume ({@link ResumePolicy#DEFAULT} unless set); {@link
     * ResumePolicy#OFF} turns resume off.
     */
    public Builder resume(ResumePolicy resume) {
      this.resume = resume;
      return this;
    }

    /** Shorthand for a {@link #resume} policy with default limits and this window (zero: off). */
    public Builder resumeWindow(Duration window) {
      this.resume = this.resume.toBuilder().window(window).build();
      return this;
    }

    /** How fast one connection may send events; {@link RateLimit#UNLIMITED} turns the limit off. */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      return this;
    }

    public SignalingConfig build() {
      return new SignalingConfig(roomCapacity, maxRoomNameBytes, clientLogging, ipAddrAnswers,
          errorLimit, errorWindow, iceServers, resume, rateLimit);
    }
  }
}
