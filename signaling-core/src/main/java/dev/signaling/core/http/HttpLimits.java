package dev.signaling.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What a server accepts of one HTTP request before any route sees it: the same object, and the
 * same defaults, for every server of the library (the Netty server, the example server on
 * Grizzly). Start from {@link #DEFAULT} or {@link #builder()}.
 *
 * @param headerTimeout a connection must send a request's line and headers within this, from when
 *     it opens or its last response was written (10 s); slower ones are closed (slowloris)
 * @param maxHeaderBytes the longest request line (longer: 414) and the most bytes of headers
 *     (more: 431), 8 KiB; the connection is closed after the answer
 * @param maxHeaderCount the most request headers (100; more: 431)
 * @param maxRequestBodyBytes the largest body a route receives (64 KiB; larger: 413)
 */
public record HttpLimits(Duration headerTimeout, int maxHeaderBytes, int maxHeaderCount, int maxRequestBodyBytes) {

  public static final HttpLimits DEFAULT = builder().build();

  public HttpLimits {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("headerTimeout must be positive, got " + headerTimeout);
    }
    if (maxHeaderBytes < 256) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least 256, got " + maxHeaderBytes);
    }
    if (maxHeaderCount < 1) {
      throw new IllegalArgumentException("maxHeaderCount must be positive, got " + maxHeaderCount);
    }
    if (maxRequestBodyBytes < 0) {
      throw new IllegalArgumentException("maxRequestBodyBytes must be 0 or more, got " + maxRequestBodyBytes);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder().headerTimeout(headerTimeout).maxHeaderBytes(maxHeaderBytes).maxHeaderCount(maxHeaderCount)
        .maxRequestBodyBytes(maxRequestBodyBytes);
  }

  /** Builds {@link HttpLimits}; validated by {@link #build()}. */
  public static final class Builder {
    private Duration headerTimeout = Duration.ofSeconds(10);
    private int maxHeaderBytes = 8 * 1024;
    private int maxHeaderCount = 100;
    private int maxRequestBodyBytes = 64 * 1024;

    private Builder() {}

    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = timeout;
      return this;
    }

    public Builder maxHeaderBytes(int bytes) {
      this.maxHeaderBytes = bytes;
      return this;
    }

    public Builder maxHeaderCount(int count) {
      this.maxHeaderCount = count;
      return this;
    }

    public Builder maxRequestBodyBytes(int bytes) {
      this.maxRequestBodyBytes = bytes;
      return this;
    }

    public HttpLimits build() {
      return new HttpLimits(headerTimeout, maxHeaderBytes, maxHeaderCount, maxRequestBodyBytes);
    }
  }
}
