package dev.signaling.core.http;

import java.util.Objects;

/**
 * Where a server listens: a host (an address literal or name; {@code 0.0.0.0} for every
 * interface) and a port (0 for any free one). The servers' builders keep one ({@link #DEFAULT}:
 * {@code 127.0.0.1:8080}) and change it with {@link #withHost} and {@link #withPort}.
 */
public record BindAddress(String host, int port) {

  public static final BindAddress DEFAULT = new BindAddress("127.0.0.1", 8080);

  public BindAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
  }

  public BindAddress withHost(String host) {
    return new BindAddress(host, port);
  }

  public BindAddress withPort(int port) {
    return new BindAddress(host, port);
  }

  /**
   * The base URL of a server listening on this host at {@code boundPort} (the actual port when 0
   * was asked for), e.g. {@code https://127.0.0.1:8443/} or {@code http://[::1]:8080/}.
   */
  public String url(boolean tls, int boundPort) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "https" : "http") + "://" + h + ":" + boundPort + "/";
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
