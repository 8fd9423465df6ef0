package dev.signaling.core.ice;

import dev.signaling.core.IceServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * ICE servers with fresh TURN credentials for each request, signed with a secret shared with
 * the TURN server ({@link TurnCredentials}: the TURN REST API convention, coturn's {@code
 * use-auth-secret} / {@code static-auth-secret}).
 *
 * <pre>{@code
 * IceServerProvider ice = TurnRestIceServers.builder()
 *     .turnUrls(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349?transport=tcp"))
 *     .secret(Files.readString(Path.of("/etc/signaling/turn-secret")).strip())
 *     .otherServers(List.of(IceServer.of("stun:turn.example.org:3478")))
 *     .build();
 * }</pre>
 *
 * <p>Each answer holds the {@code otherServers} (STUN, or TURN with fixed credentials) followed
 * by one entry for all the TURN URLs with credentials valid for {@link Builder#ttl} (one hour by
 * default) from the clock's now. <b>Rotating the secret</b>: give the TURN server the new secret
 * beside the old one (coturn accepts every {@code static-auth-secret} it is given), then this
 * server the new one; drop the old one from the TURN server once the last credentials signed
 * with it have expired (one TTL later). This class signs with the secret its source gives at
 * the time ({@link Builder#secret(Supplier)}), so the switch needs no restart.
 *
 * <p>Immutable and thread-safe; answers at once, never blocks.
 */
public final class TurnRestIceServers implements IceServerProvider {
  /** How long credentials stay valid unless {@link Builder#ttl} says otherwise: one hour. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  /** The shortest TTL accepted: refreshes come every three quarters of it. */
  public static final Duration MIN_TTL = Duration.ofSeconds(10);

  private final List<String> turnUrls;
  private final Supplier<byte[]> secret;
  private final Duration ttl;
  private final List<IceServer> otherServers;
  private final InstantSource clock;

  private TurnRestIceServers(Builder builder) {
    this.turnUrls = List.copyOf(builder.turnUrls);
    if (turnUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one turn: or turns: URL is needed");
    }
    for (String url : turnUrls) {
      if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
        throw new IllegalArgumentException("a TURN URL must start with turn: or turns:, got " + url);
      }
    }
    if (builder.secret == null) {
      throw new IllegalArgumentException("the TURN secret is missing");
    }
    byte[] first = builder.secret.get();
    if (first == null || first.length == 0) {
      throw new IllegalArgumentException("the TURN secret is empty");
    }
    this.secret = builder.secret;
    this.ttl = Objects.requireNonNull(builder.ttl, "ttl");
    if (ttl.compareTo(MIN_TTL) < 0) {
      throw new IllegalArgumentException("the TURN credential TTL must be at least " + MIN_TTL + ", got " + ttl);
    }
    this.otherServers = List.copyOf(builder.otherServers);
    this.clock = Objects.requireNonNull(builder.clock, "clock");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How long each answer's credentials stay valid. */
  public Duration ttl() {
    return ttl;
  }

  /** The answer, at once; a failed stage when the user id or the secret is unusable. */
  @Override
  public CompletionStage<IceConfiguration> iceServers(String userId) {
    try {
      return CompletableFuture.completedFuture(issue(userId));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The answer for {@code userId}, computed now with the secret the source gives now. */
  public IceConfiguration issue(String userId) {
    Instant expiresAt = clock.instant().plus(ttl);
    TurnCredentials credentials = TurnCredentials.issue(secret.get(), userId, expiresAt);
    List<IceServer> servers = new ArrayList<>(otherServers.size() + 1);
    servers.addAll(otherServers);
    servers.add(new IceServer(turnUrls, credentials.username(), credentials.password()));
    return new IceConfiguration(servers, credentials.expiresAt());
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "TurnRestIceServers{turnUrls=" + turnUrls + ", ttl=" + ttl + ", otherServers=" + otherServers.size() + "}";
  }

  public static final class Builder {
    private List<String> turnUrls = List.of();
    private Supplier<byte[]> secret;
    private Duration ttl = DEFAULT_TTL;
    private List<IceServer> otherServers = List.of();
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /** The TURN server's URLs, {@code turn:host:port?transport=udp|tcp} or {@code turns:...}. Required. */
    public Builder turnUrls(List<String> turnUrls) {
      this.turnUrls = List.copyOf(turnUrls);
      return this;
    }

    /** The secret shared with the TURN server, as bytes. Required (this or a secret source). */
    public Builder secret(byte[] secret) {
      byte[] copy = secret.clone();
      this.secret = () -> copy;
      return this;
    }

    /**
     * Where the secret comes from, asked for every answer: a rotated secret (a file read again
     * when it changes) signs from the next answer on. Must answer at once (keep the secret in
     * memory) and never return null or an empty secret.
     */
    public Builder secret(Supplier<byte[]> source) {
      this.secret = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The secret shared with the TURN server, as the string in coturn's {@code static-auth-secret}. */
    public Builder secret(String secret) {
      return secret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** How long credentials stay valid; {@link #DEFAULT_TTL} by default, at least {@link #MIN_TTL}. */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /** Servers offered before the TURN entry (STUN, TURN with fixed credentials); none by default. */
    public Builder otherServers(List<IceServer> otherServers) {
      this.otherServers = List.copyOf(otherServers);
      return this;
    }

    /** Where "now" comes from; the system clock by default. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public TurnRestIceServers build() {
      return new TurnRestIceServers(this);
    }
  }
}
