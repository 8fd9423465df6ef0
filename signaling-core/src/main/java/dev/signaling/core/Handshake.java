package dev.signaling.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a connection's opening handshake carried, as every transport hands it to the core: the
 * credential, the remote address, the {@code Origin}, the request path, the query parameters and
 * a few headers. Immutable; transports build it with {@link #builder()} and pass it to {@link
 * SignalingEngine#connect(Handshake, PeerSink)}; an {@link Authenticator} decides from it.
 *
 * <p><b>The credential</b> is, on every transport alike:
 * <ul>
 *   <li>native protocol: the {@code token} query parameter of the WebSocket upgrade ({@code
 *       /signaling?token=...}), else an {@code Authorization: Bearer ...} header;
 *   <li>Socket.IO: the {@code token} of the CONNECT packet's auth payload ({@code io(url, {auth:
 *       {token}})}), on WebSocket and on long-polling alike.
 * </ul>
 * {@link Builder#build()} takes the first rule unless the transport set the credential itself
 * ({@link Builder#credential}).
 *
 * <p><b>Headers</b>: only {@link #KEPT_HEADERS} are kept (names in lower case), so a connection
 * does not hold its whole request for as long as it is open; {@code Authorization} is reduced to
 * the credential. {@link #toString()} never shows the credential, the {@code token} parameter or
 * cookies.
 */
public final class Handshake {
  /** The query parameter (native) and auth payload field (Socket.IO) that carries the credential. */
  public static final String TOKEN_PARAMETER = "token";
  /**
   * The {@link #attribute} under which servlet containers' transports put the {@code
   * jakarta.servlet.http.HttpSession} of the upgrade request, when it has one.
   */
  public static final String HTTP_SESSION = "jakarta.servlet.http.HttpSession";
  /** The request headers a handshake keeps (lower case). */
  public static final Set<String> KEPT_HEADERS = Set.of(
      "origin", "host", "user-agent", "cookie", "x-forwarded-for", "x-forwarded-proto", "x-real-ip",
      "forwarded", "accept-language");

  private static final Handshake EMPTY = builder().build();

  private final String credential;
  private final InetSocketAddress remoteAddress;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final Map<String, Object> attributes;

  private Handshake(Builder builder) {
    this.path = builder.path;
    this.query = freeze(builder.query);
    this.headers = freeze(builder.headers);
    this.attributes = builder.attributes.isEmpty() ? Map.of() : Map.copyOf(builder.attributes);
    this.remoteAddress = builder.remoteAddress;
    this.credential = builder.credentialSet ? builder.credential : nativeCredential(builder);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A handshake that carried nothing: no credential, no address, path {@code /}. */
  public static Handshake empty() {
    return EMPTY;
  }

  /** The credential (a bearer token), if the client presented one. Never logged. */
  public Optional<String> credential() {
    return Optional.ofNullable(credential);
  }

  /**
   * The address of the TCP peer, when the container exposes it (it is the proxy's address behind
   * a reverse proxy: see the {@code x-forwarded-for} / {@code forwarded} {@link #header}s).
   */
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.ofNullable(remoteAddress);
  }

  /** The remote IP address as text ({@code 127.0.0.1}, {@code ::1}), when known. */
  public Optional<String> remoteHost() {
    if (remoteAddress == null) {
      return Optional.empty();
    }
    InetAddress address = remoteAddress.getAddress();
    return Optional.of(address != null ? address.getHostAddress() : remoteAddress.getHostString());
  }

  /** The {@code Origin} header (browsers send it), if any. */
  public Optional<String> origin() {
    return header("origin");
  }

  /** The request path, without the query: {@code /signaling}, {@code /socket.io/}. */
  public String path() {
    return path;
  }

  /** Every query parameter of the request, decoded (values in order); immutable. */
  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** The first value of query parameter {@code name}. */
  public Optional<String> queryParameter(String name) {
    return first(query.get(name));
  }

  /** The kept headers ({@link #KEPT_HEADERS}), names in lower case; immutable. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case), if it is one of {@link #KEPT_HEADERS}. */
  public Optional<String> header(String name) {
    return first(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A transport-specific object, e.g. {@link #HTTP_SESSION}; empty when absent or of another type. */
  public <T> Optional<T> attribute(String name, Class<T> type) {
    Object value = attributes.get(name);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  /** A copy of this handshake with another credential (null for none). */
  public Handshake withCredential(String credential) {
    Builder copy = builder().path(path).remoteAddress(remoteAddress).credential(credential);
    copy.query.putAll(query);
    copy.headers.putAll(headers);
    copy.attributes.putAll(attributes);
    return copy.build();
  }

  /** Never shows the credential, the {@code token} parameter or cookies. */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      shown.put(parameter.getKey(), TOKEN_PARAMETER.equals(parameter.getKey()) ? "<redacted>" : parameter.getValue());
    }
    return "Handshake{path=" + path
        + ", remote=" + remoteHost().orElse("?")
        + ", origin=" + origin().orElse(null)
        + ", credential=" + (credential != null ? "<present>" : "<none>")
        + ", query=" + shown
        + ", headers=" + headers.keySet()
        + "}";
  }

  /**
   * {@code rawQuery} (still URL-encoded) with the value of every {@code token} parameter replaced
   * by {@code <redacted>}, for logs. Null stays null.
   */
  public static String redactQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return rawQuery;
    }
    StringBuilder out = new StringBuilder(rawQuery.length());
    for (String pair : rawQuery.split("&", -1)) {
      if (out.length() > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && TOKEN_PARAMETER.equals(decode(name))) {
        out.append(name).append("=<redacted>");
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }

  /**
   * Parses a raw (URL-encoded) query string into parameters, in order. Malformed escapes skip
   * their pair; at most {@code 64} pairs are read.
   */
  public static Map<String, List<String>> parseQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    int pairs = 0;
    for (String pair : rawQuery.split("&", 65)) {
      if (++pairs > 64) {
        break;
      }
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
      if (name != null && value != null) {
        parameters.computeIfAbsent(name, ignored -> new ArrayList<>(1)).add(value);
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static String nativeCredential(Builder builder) {
    String token = first(builder.query.get(TOKEN_PARAMETER)).orElse(null);
    if (token != null && !token.isEmpty()) {
      return token;
    }
    String authorization = builder.authorization;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String bearer = authorization.substring(7).trim();
      return bearer.isEmpty() ? null : bearer;
    }
    return null;
  }

  private static Optional<String> first(List<String> values) {
    return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  /** Compact immutable copies (no entry objects): a handshake lives as long as its connection. */
  private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map.Entry<String, List<String>>[] entries = new Map.Entry[map.size()];
    int i = 0;
    for (Map.Entry<String, List<String>> entry : map.entrySet()) {
      entries[i++] = Map.entry(entry.getKey(), List.copyOf(entry.getValue()));
    }
    return Map.ofEntries(entries);
  }

  /** Builds a {@link Handshake}; every part is optional. Not thread-safe. */
  public static final class Builder {
    private String path = "/";
    private InetSocketAddress remoteAddress;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private String authorization;
    private String credential;
    private boolean credentialSet;

    private Builder() {}

    /** The request path without its query; {@code /} by default. */
    public Builder path(String path) {
      this.path = path == null || path.isEmpty() ? "/" : path;
      return this;
    }

    public Builder remoteAddress(InetSocketAddress address) {
      this.remoteAddress = address;
      return this;
    }

    /**
     * The remote address from its textual IP (as containers report it) and port. A numeric
     * address is never looked up in DNS; anything else is kept unresolved.
     */
    public Builder remoteAddress(String ip, int port) {
      if (ip == null || ip.isEmpty()) {
        return this;
      }
      int safePort = port >= 0 && port <= 65535 ? port : 0;
      this.remoteAddress = isIpLiteral(ip) ? resolvedLiteral(ip, safePort) : InetSocketAddress.createUnresolved(ip, safePort);
      return this;
    }

    /** All query parameters, decoded (e.g. a JSR-356 {@code getRequestParameterMap()}). */
    public Builder queryParameters(Map<String, List<String>> parameters) {
      if (parameters != null) {
        parameters.forEach((name, values) -> {
          if (name != null && values != null) {
            query.computeIfAbsent(name, ignored -> new ArrayList<>(values.size())).addAll(values);
          }
        });
      }
      return this;
    }

    /** All query parameters from the raw, URL-encoded query string. */
    public Builder rawQuery(String rawQuery) {
      return queryParameters(parseQuery(rawQuery));
    }

    /**
     * One request header. Only {@link #KEPT_HEADERS} are kept; {@code Authorization} gives the
     * bearer credential and is not kept itself.
     */
    public Builder header(String name, String value) {
      if (name == null || value == null) {
        return this;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("authorization")) {
        if (authorization == null) {
          authorization = value;
        }
      } else if (KEPT_HEADERS.contains(lower)) {
        headers.computeIfAbsent(lower, ignored -> new ArrayList<>(1)).add(value);
      }
      return this;
    }

    /** Request headers in the shape JSR-356 and servlet APIs give them (any name case). */
    public Builder headers(Map<String, List<String>> all) {
      if (all != null) {
        all.forEach((name, values) -> {
          if (values != null) {
            values.forEach(value -> header(name, value));
          }
        });
      }
      return this;
    }

    /** A transport-specific object for authenticators, e.g. {@link #HTTP_SESSION}; null is ignored. */
    public Builder attribute(String name, Object value) {
      if (name != null && value != null) {
        attributes.put(name, value);
      }
      return this;
    }

    /**
     * Sets the credential explicitly (null or empty: none), instead of the native rule (the
     * {@code token} parameter, else {@code Authorization: Bearer}). Socket.IO sets the auth
     * payload's token here.
     */
    public Builder credential(String credential) {
      this.credential = credential == null || credential.isEmpty() ? null : credential;
      this.credentialSet = true;
      return this;
    }

    public Handshake build() {
      return new Handshake(this);
    }

    private static boolean isIpLiteral(String text) {
      if (text.indexOf(':') >= 0) {
        return true; // host names hold no ':', so this is an IPv6 literal (or nothing getByName accepts)
      }
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        return false;
      }
      for (String part : parts) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
            || Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }

    private static InetSocketAddress resolvedLiteral(String ip, int port) {
      String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
      try {
        // A literal: getByName parses it without any lookup.
        return new InetSocketAddress(InetAddress.getByName(bare), port);
      } catch (UnknownHostException | SecurityException e) {
        return InetSocketAddress.createUnresolved(ip, port);
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Handshake that
        && Objects.equals(credential, that.credential)
        && Objects.equals(remoteAddress, that.remoteAddress)
        && path.equals(that.path)
        && query.equals(that.query)
        && headers.equals(that.headers)
        && attributes.equals(that.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, query, headers, remoteAddress);
  }
}
