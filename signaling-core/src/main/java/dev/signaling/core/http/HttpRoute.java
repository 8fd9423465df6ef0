package dev.signaling.core.http;

/**
 * A plain HTTP endpoint independent of any server: the example server's {@code GET /config}, the
 * web app's files, and whatever an application adds (metrics, health). Each transport serves
 * routes through a small adapter (a Grizzly {@code HttpHandler}, a Netty channel handler), so a
 * route written once runs on every server.
 *
 * <p>Threading: called on the server's I/O thread in Netty (and a worker thread in Grizzly),
 * possibly for many requests at once. It must not block: answer from memory, or compute quickly.
 */
@FunctionalInterface
public interface HttpRoute {

  /**
   * Answers {@code request}, or returns null when this route has nothing at its path (the
   * server then tries the next route, and answers 404 after the last).
   */
  HttpResponse handle(HttpRequest request);
}
