package dev.signaling.examples;

import dev.signaling.core.http.RequestPaths;
import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves static files: the web client from the classpath ({@code /web/}), or the user's own
 * directory ({@code --web-root}, {@link #webRoot}). {@code GET} and {@code HEAD}; other methods
 * get 405; a path that is not a servable file gets 404 (never a listing; see {@link StaticFiles}).
 * A server-neutral route: Grizzly and Netty serve the same one.
 *
 * <p>Every answer carries {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy:
 * no-referrer} and a Content-Security-Policy: for the built-in app scripts, styles and
 * connections from this origin only ({@link #APP_POLICY}); a web root's pages are the user's own
 * (the codelab's load an adapter script from elsewhere), so they only may not be framed.
 *
 * <p>In the built-in app a path that names no file and has one segment, such as {@code /foo}, is a
 * room: it gets {@code index.html}, whose script reads the room name from the URL (the codelab's
 * bonus question 3).
 */
final class WebAppRoute implements HttpRoute {
  /** The built-in app's policy: everything from this origin, camera streams and data: images. */
  static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  /** A web root's policy. */
  static final String WEB_ROOT_POLICY = "frame-ancestors 'none'";

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("wasm", "application/wasm"),
      Map.entry("webm", "video/webm"),
      Map.entry("mp4", "video/mp4"));

  private final StaticFiles files;
  private final boolean builtIn;
  private final Set<String> reserved;

  /** The built-in web app, from {@code classLoader}'s {@code web/}. */
  WebAppRoute(ClassLoader classLoader, Set<String> reserved) {
    this(StaticFiles.classpath(classLoader, "web"), true, reserved);
  }

  private WebAppRoute(StaticFiles files, boolean builtIn, Set<String> reserved) {
    this.files = files;
    this.builtIn = builtIn;
    this.reserved = Set.copyOf(reserved);
  }

  /** The files below {@code root}, as they are: no room paths, no policy on scripts. */
  static WebAppRoute webRoot(Path root, Set<String> reserved) {
    return new WebAppRoute(StaticFiles.directory(root), false, reserved);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    String path = request.path();
    if (reserved.contains(path)) {
      return null;
    }
    if (!request.method().equals("GET") && !request.isHead()) {
      return secured(HttpResponse.methodNotAllowed("GET, HEAD"));
    }
    if (!RequestPaths.isSafe(path)) {
      return secured(HttpResponse.text(404, "not found"));
    }
    String file = path.endsWith("/") && builtIn ? path + "index.html" : path;
    Optional<byte[]> found = files.read(file);
    if (found.isPresent()) {
      String name = file.endsWith("/") ? "index.html" : file;
      return secured(HttpResponse.of(200, typeOf(name), found.get()));
    }
    if (files.isDirectory(path)) {
      return secured(HttpResponse.of(301, null, new byte[0]).withHeader("Location", path + "/"));
    }
    boolean roomPath = builtIn && path.length() > 1 && path.indexOf('/', 1) < 0;
    if (!roomPath) {
      return secured(HttpResponse.text(404, "not found"));
    }
    // The type must not be guessed from the room's name (none, or a wrong one for "/a.png").
    return secured(HttpResponse.of(200, TYPES.get("html"), files.read("/index.html").orElseThrow()));
  }

  private HttpResponse secured(HttpResponse response) {
    return response
        .withHeader("Content-Security-Policy", builtIn ? APP_POLICY : WEB_ROOT_POLICY)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("Cache-Control", "no-cache");
  }

  static String typeOf(String file) {
    int slash = file.lastIndexOf('/');
    int dot = file.lastIndexOf('.');
    String extension = dot <= slash ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
