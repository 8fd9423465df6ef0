package dev.signaling.core.ice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signaling.core.IceServer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one client is told about ICE: the servers, and when their credentials stop working.
 *
 * @param iceServers STUN and TURN servers, in the order the client should try them
 * @param expiry when the first credential in {@code iceServers} expires; null when none does
 */
public record IceConfiguration(List<IceServer> iceServers, Instant expiry) {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  public IceConfiguration {
    iceServers = List.copyOf(Objects.requireNonNull(iceServers, "iceServers"));
  }

  /** Servers whose credentials (if any) never expire. */
  public static IceConfiguration permanent(List<IceServer> iceServers) {
    return new IceConfiguration(iceServers, null);
  }

  /** When the credentials expire; empty when they never do. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiry);
  }

  /**
   * As the JSON form of an {@code RTCConfiguration}, which a page passes to {@code new
   * RTCPeerConnection(...)} unchanged: {@code {"iceServers": [{"urls": [...], "username": ...,
   * "credential": ...}]}}; STUN entries have no username and credential.
   */
  public ObjectNode toJson() {
    ObjectNode configuration = JSON.objectNode();
    ArrayNode servers = configuration.putArray("iceServers");
    for (IceServer ice : iceServers) {
      ObjectNode server = servers.addObject();
      ArrayNode urls = server.putArray("urls");
      ice.urls().forEach(urls::add);
      if (ice.username() != null) {
        server.put("username", ice.username());
      }
      if (ice.credential() != null) {
        server.put("credential", ice.credential());
      }
    }
    return configuration;
  }

  /** Never prints credentials. */
  @Override
  public String toString() {
    return "IceConfiguration{servers=" + iceServers.size() + ", expiresAt=" + expiry + "}";
  }
}
