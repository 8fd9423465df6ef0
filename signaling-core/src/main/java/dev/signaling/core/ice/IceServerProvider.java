package dev.signaling.core.ice;

import dev.signaling.core.IceServer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Computes the ICE servers (STUN, and TURN with credentials) one client should use. The server
 * asks it for every {@code GET /config} and for every connection's {@code ice-servers} event,
 * and again before the answer expires ({@link IceConfiguration#expiresAt()}).
 *
 * <p>{@link TurnRestIceServers} signs time-limited TURN credentials itself (coturn's {@code
 * use-auth-secret}); an application whose TURN service is a cloud API implements this interface
 * with that API's call, completing the stage when the answer arrives.
 *
 * <p>Threading: called from any thread, possibly concurrently, including transport I/O threads,
 * so an implementation must not block: answer at once, or complete the stage later. A stage that
 * completes exceptionally gives the client no ICE servers for that request (the failure is
 * logged without the user id).
 */
@FunctionalInterface
public interface IceServerProvider {

  /**
   * The ICE servers for one user.
   *
   * @param userId who the credentials are for: the authenticated subject when the server
   *     authenticates clients, else the connection's peer id (a fresh random id for an anonymous
   *     {@code GET /config}). Never null or empty; may contain any character, {@code :} included.
   */
  CompletionStage<IceConfiguration> iceServers(String userId);

  /** The same servers for everyone, never expiring: the static {@code SignalingConfig.iceServers}. */
  static IceServerProvider fixed(List<IceServer> servers) {
    Objects.requireNonNull(servers, "servers");
    CompletableFuture<IceConfiguration> answer =
        CompletableFuture.completedFuture(IceConfiguration.permanent(servers));
    return userId -> answer;
  }
}
