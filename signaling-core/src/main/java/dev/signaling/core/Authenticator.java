package dev.signaling.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides who a new connection belongs to, from what its handshake carried: the application's
 * seam for authentication, the same on every wire protocol and container. Configure one with
 * {@link SignalingEngine.Builder#authenticator}; {@code signaling-auth-jwt} ships a JWT one.
 *
 * <pre>{@code
 * Authenticator sessions = handshake -> handshake.attribute(Handshake.HTTP_SESSION, HttpSession.class)
 *     .map(session -> (String) session.getAttribute("user"))
 *     .map(user -> CompletableFuture.completedStage(Identity.builder(user).build()))
 *     .orElseGet(() -> Authenticator.refuse("not logged in"));
 * }</pre>
 *
 * <p><b>Outcome</b>: the returned stage completes with the connection's {@link Identity}, or
 * fails to refuse it. A {@link SignalingException} failure reaches the client with its code and
 * message (use {@link ErrorCode#UNAUTHORIZED}, or {@link ErrorCode#UNAVAILABLE} when the check
 * itself cannot run now); any other failure is logged and answered {@code unauthorized}. A stage
 * that does not complete within the engine's authentication timeout (10 s by default) is
 * answered {@code unavailable}. Refused native connections get an {@code error} event, then close
 * 1008 (1013 for {@code unavailable}); refused Socket.IO ones a CONNECT_ERROR whose message is
 * the code ({@code unauthorized}).
 *
 * <p><b>Threading</b>: called once per connection, on the transport's thread (often an I/O
 * thread): must not block. Do slow work (a database, a remote service) asynchronously and
 * return a stage that completes later, on any thread; the connection's events wait, in order,
 * until it does. Calls for different connections may be concurrent.
 */
@FunctionalInterface
public interface Authenticator {

  /** Lets everyone in as {@link Identity#anonymous()}: the engine's default. */
  Authenticator ANONYMOUS = handshake -> CompletableFuture.completedStage(Identity.anonymous());

  /** @return the identity of the connection, or a failed stage to refuse it */
  CompletionStage<Identity> authenticate(Handshake handshake);

  /** A refusal: a stage failed with {@link ErrorCode#UNAUTHORIZED} and {@code reason} (shown to the client). */
  static CompletionStage<Identity> refuse(String reason) {
    return CompletableFuture.failedStage(new SignalingException(ErrorCode.UNAUTHORIZED, reason));
  }
}
