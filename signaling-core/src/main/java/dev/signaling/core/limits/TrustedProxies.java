package dev.signaling.core.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose forwarding headers a server believes. A client's address is the
 * address of the direct peer, unless that peer is trusted: then it is the nearest address in
 * {@code Forwarded: for=...} (RFC 7239; else {@code X-Forwarded-For}) that is not itself a
 * trusted proxy, read from the right (each proxy appends the address it saw, and everything left
 * of the last trusted hop may be forged by the client). Headers from untrusted peers are ignored.
 *
 * <p>Addresses are IP literals; nothing here ever resolves a host name.
 */
public final class TrustedProxies {
  /** Believes no one: the client address is always the direct peer's. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Cidr> ranges;

  private TrustedProxies(List<Cidr> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Trusts the given CIDR ranges, e.g. {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code ::1/128}. */
  public static TrustedProxies of(List<String> cidrs) {
    List<Cidr> ranges = new ArrayList<>();
    for (String cidr : cidrs) {
      ranges.add(Cidr.parse(cidr));
    }
    return new TrustedProxies(ranges);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether {@code address} (an IP literal) lies in a trusted range. */
  public boolean trusts(String address) {
    Optional<InetAddress> ip = literal(address);
    return ip.isPresent() && trusts(ip.get());
  }

  /**
   * The client's address for a connection from {@code peerAddress} carrying the given headers
   * (either may be null), normalized ({@code ::ffff:192.0.2.1} is {@code 192.0.2.1}).
   */
  public String clientAddress(String peerAddress, String forwarded, String xForwardedFor) {
    Optional<InetAddress> peer = literal(peerAddress);
    if (peer.isEmpty()) {
      return peerAddress;
    }
    InetAddress client = peer.get();
    if (ranges.isEmpty() || !trusts(client)) {
      return client.getHostAddress();
    }
    List<String> hops = forwarded != null && !forwarded.isBlank() ? forwardedFor(forwarded) : commaList(xForwardedFor);
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = literal(hops.get(i));
      if (hop.isEmpty()) {
        break; // "unknown", an obfuscated name, garbage: stop at the last hop we could check
      }
      client = hop.get();
      if (!trusts(client)) {
        break;
      }
    }
    return client.getHostAddress();
  }

  private boolean trusts(InetAddress ip) {
    for (Cidr range : ranges) {
      if (range.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> commaList(String header) {
    List<String> values = new ArrayList<>();
    if (header == null) {
      return values;
    }
    for (String value : header.split(",", 64)) {
      values.add(value.trim());
    }
    return values;
  }

  /** The {@code for} values of a {@code Forwarded} header, in order; brackets, quotes and ports removed. */
  private static List<String> forwardedFor(String header) {
    List<String> values = new ArrayList<>();
    for (String element : header.split(",", 64)) {
      String found = null;
      for (String pair : element.split(";", 16)) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
          found = node(pair.substring(eq + 1).trim());
        }
      }
      values.add(found == null ? "" : found);
    }
    return values;
  }

  private static String node(String value) {
    String v = value;
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      return close < 0 ? "" : v.substring(1, close);
    }
    int colon = v.indexOf(':');
    return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
  }

  /** An IP literal as an address; empty for anything else (never a DNS lookup). */
  static Optional<InetAddress> literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    boolean colon = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
      if (!ok) {
        return Optional.empty();
      }
      colon |= c == ':';
    }
    if (!colon && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    try {
      InetAddress ip = InetAddress.getByName(text);
      if (ip instanceof Inet6Address v6) {
        byte[] b = v6.getAddress();
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
          mapped &= b[i] == 0;
        }
        if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
          return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        }
      }
      return Optional.of(ip);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "TrustedProxies" + ranges;
  }

  /** One address range: an address and a prefix length. */
  private record Cidr(byte[] network, int prefix, String text) {
    static Cidr parse(String cidr) {
      String trimmed = cidr.trim();
      int slash = trimmed.indexOf('/');
      String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
      InetAddress ip = literal(address).orElseThrow(() ->
          new IllegalArgumentException("not an IP address or CIDR range: '" + cidr + "'"));
      int bits = ip instanceof Inet4Address ? 32 : 128;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("prefix length in '" + cidr + "' must be 0.." + bits);
        }
      }
      return new Cidr(ip.getAddress(), prefix, trimmed);
    }

    boolean contains(InetAddress ip) {
      byte[] b = ip.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
