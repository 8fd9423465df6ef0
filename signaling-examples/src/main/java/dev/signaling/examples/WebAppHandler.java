package dev.signaling.examples;

import java.util.Set;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves the web client from the classpath ({@code /web/}). A path that names no file and has
 * one segment, such as {@code /foo}, is a room: it gets {@code index.html}, whose script reads
 * the room name from the URL (the codelab's bonus question 3).
 */
final class WebAppHandler extends CLStaticHttpHandler {
  private final Set<String> reserved;

  WebAppHandler(ClassLoader classLoader, Set<String> reserved) {
    super(classLoader, "/web/");
    this.reserved = reserved;
    setFileCacheEnabled(true);
  }

  @Override
  protected boolean handle(String path, Request request, Response response) throws Exception {
    if (reserved.contains(path)) {
      return false;
    }
    if (super.handle(path, request, response)) {
      return true;
    }
    boolean roomPath = path.length() > 1 && path.indexOf('/', 1) < 0;
    if (!roomPath) {
      return false;
    }
    // The type would be guessed from the room's name (none, or a wrong one for "/a.png").
    response.setContentType("text/html;charset=utf-8");
    return super.handle("/index.html", request, response);
  }
}
