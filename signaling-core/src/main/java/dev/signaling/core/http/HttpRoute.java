package dev.signaling.core.http;

/**
 * A plain HTTP endpoint independent of any server: the example server's {@code GET /config}, the
 * web app's files, and whatever an application adds (metrics, health). Each transport serves
 * routes through a small adapter (a Grizzly {@code HttpHandler}, a Netty channel handler), so a
 * route written once runs on every server.
 *
 * <p>Threading: called for many requests at once, from the server's route threads (the Netty
 * server's, or the example server's pool on Grizzly), never from an I/O thread. Answer quickly:
 * from memory, or by reading a small file; never wait on the network or a lock held for long.
 *
 * <p>The Netty server and the example server's Grizzly listener answer 404 to a path that could
 * leave a directory in any spelling ({@link RequestPaths}) before any route sees it; an adapter
 * of another server should do the same.
 */
@FunctionalInterface
public interface HttpRoute {

  /**
   * Answers {@code request}, or returns null when this route has nothing at its path (the
   * server then tries the next route, and answers 404 after the last).
   */
  HttpResponse handle(HttpRequest request);
}
