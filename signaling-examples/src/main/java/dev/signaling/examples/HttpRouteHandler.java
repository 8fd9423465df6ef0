package dev.signaling.examples;

import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves an {@link HttpRoute} on Grizzly's HTTP server: copies the request out, the answer in. The
 * route runs on the server's route threads, never on a selector thread (the listener uses the
 * same-thread IO strategy, so Grizzly would otherwise call it there): a route may read a file.
 */
final class HttpRouteHandler extends HttpHandler {

  private final HttpRoute route;
  /** Bodies the route may receive; larger ones are refused (413). */
  private final int maxBodyBytes;
  /** Grizzly suspends the request and calls {@link #service} there. */
  private final RequestExecutorProvider routeThreads;

  HttpRouteHandler(HttpRoute route, int maxBodyBytes, Executor routeThreads) {
    this.route = route;
    this.maxBodyBytes = maxBodyBytes;
    this.routeThreads = request -> routeThreads;
  }

  @Override
  public RequestExecutorProvider getRequestExecutorProvider() {
    return routeThreads;
  }

  @Override
  public void service(Request request, Response response) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      write(response, HttpResponse.text(413, "body too large"), false);
      return;
    }
    byte[] body = new byte[0];
    // Read only a body the request announces: a GET with "Upgrade: h2c" (the JDK's HttpClient
    // sends one by default) otherwise leaves the read waiting for bytes that never come, on a
    // selector thread, stalling every connection of that selector.
    if (request.getContentLengthLong() > 0 || request.getRequest().isChunked()) {
      try (InputStream in = request.getInputStream()) {
        body = in.readNBytes(maxBodyBytes + 1);
      }
    }
    if (body.length > maxBodyBytes) {
      write(response, HttpResponse.text(413, "body too large"), false);
      return;
    }
    Map<String, String> headers = new HashMap<>();
    for (String name : request.getHeaderNames()) {
      headers.putIfAbsent(name.toLowerCase(Locale.ROOT), request.getHeader(name));
    }
    String method = request.getMethod().getMethodString();
    String path;
    try {
      path = request.getDecodedRequestURI();
      if (path.isEmpty()) {
        // Grizzly leaves it empty for a handler mapped at exactly this path (e.g. "/metrics"),
        // which it treats as the context path.
        path = request.getContextPath();
      }
    } catch (java.io.CharConversionException e) {
      write(response, HttpResponse.text(400, "malformed path"), false);
      return;
    }
    HttpRequest routed = new HttpRequest(method, path, request.getQueryString(), headers,
        new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()), body);
    HttpResponse answer = route.handle(routed);
    write(response, answer == null ? HttpResponse.text(404, "not found") : answer, routed.isHead());
  }

  private static void write(Response response, HttpResponse answer, boolean head) throws IOException {
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    if (answer.contentType() != null) {
      response.setContentType(answer.contentType());
    }
    response.setContentLength(answer.body().length);
    if (!head && answer.body().length > 0) {
      response.getOutputStream().write(answer.body());
    }
  }
}
