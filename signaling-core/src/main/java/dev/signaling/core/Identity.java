package dev.signaling.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who a connection belongs to, as its {@link Authenticator} decided: a subject (a user id, empty
 * for {@link #anonymous()}), claims (whatever the application wants to keep: a JWT's claims, a
 * role) and the rooms the connection may enter ({@link #mayEnter}). Immutable.
 *
 * <pre>{@code
 * Identity.builder("alice").rooms(Set.of("standup", "1on1-bob")).claim("role", "staff").build();
 * Identity.builder("bob").anyRoom().build();
 * }</pre>
 *
 * <p>Every {@code create or join} is checked with {@link #mayEnter} before the room is touched;
 * a refusal is the {@code error} code {@code forbidden}, which never says whether the room exists.
 */
public final class Identity {
  private static final Identity ANONYMOUS = new Identity(null, Map.of(), null, room -> true);

  private final String subject;
  private final Map<String, Object> claims;
  private final Set<String> rooms;
  private final Predicate<String> roomPolicy;

  private Identity(String subject, Map<String, Object> claims, Set<String> rooms, Predicate<String> roomPolicy) {
    this.subject = subject;
    this.claims = claims;
    this.rooms = rooms;
    this.roomPolicy = roomPolicy;
  }

  /** The identity of every connection when no {@link Authenticator} is configured: no subject, any room. */
  public static Identity anonymous() {
    return ANONYMOUS;
  }

  /** An identity for {@code subject}; it may enter any room unless the builder says otherwise. */
  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  /** The subject (a user id), empty for the anonymous identity. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** Whether this is {@link #anonymous()}. */
  public boolean isAnonymous() {
    return this == ANONYMOUS;
  }

  /** The application's claims about the subject (immutable). */
  public Map<String, Object> claims() {
    return claims;
  }

  /** One claim, if present and of {@code type}. */
  public <T> Optional<T> claim(String name, Class<T> type) {
    Object value = claims.get(name);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  /** Whether this identity may enter {@code room} (a valid room name). */
  public boolean mayEnter(String room) {
    return roomPolicy.test(room);
  }

  /** Never shows claims (they may hold personal data). */
  @Override
  public String toString() {
    if (isAnonymous()) {
      return "Identity{anonymous}";
    }
    return "Identity{subject=" + subject + ", rooms=" + (rooms != null ? rooms : "<policy>")
        + ", claims=" + claims.keySet() + "}";
  }

  /** Builds an {@link Identity}. Not thread-safe. */
  public static final class Builder {
    private final String subject;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private Set<String> rooms;
    private Predicate<String> roomPolicy = room -> true;

    private Builder(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
    }

    public Builder claim(String name, Object value) {
      claims.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder claims(Map<String, ?> values) {
      values.forEach(this::claim);
      return this;
    }

    /** May enter every room (the default). */
    public Builder anyRoom() {
      this.rooms = null;
      this.roomPolicy = room -> true;
      return this;
    }

    /** May enter exactly these rooms ({@code "*"} among them: any room); empty: none. */
    public Builder rooms(Set<String> names) {
      Set<String> allowed = Set.copyOf(names);
      if (allowed.contains("*")) {
        return anyRoom();
      }
      this.rooms = allowed;
      this.roomPolicy = allowed::contains;
      return this;
    }

    /** May enter the rooms {@code policy} accepts (e.g. a prefix per tenant). Must not block. */
    public Builder rooms(Predicate<String> policy) {
      this.rooms = null;
      this.roomPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Identity build() {
      return new Identity(subject, claims.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(claims)),
          rooms, roomPolicy);
    }
  }
}
