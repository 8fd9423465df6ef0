package dev.signaling.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves static files: the built-in web app, or the user's directory ({@code --web-root}).
 * {@code GET} and {@code HEAD} only (anything else: 405); a path that is not a servable file: 404
 * (never a listing, never a 500). The built-in app's responses carry a Content-Security-Policy
 * that allows scripts, styles and connections from this origin only; a web root's pages are
 * the user's own (the codelab's load an adapter script from elsewhere), so they get only {@code
 * frame-ancestors 'none'}.
 *
 * <p>In the built-in app a path of one segment that names no file, such as {@code /foo}, is a
 * room: it gets {@code index.html}, whose script reads the room name from the URL.
 */
final class StaticFilesHandler extends HttpHandler {
  /** The built-in app's policy: everything from this origin; camera streams and data: images. */
  static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  static final String WEB_ROOT_POLICY = "frame-ancestors 'none'";

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html;charset=utf-8"),
      Map.entry("htm", "text/html;charset=utf-8"),
      Map.entry("js", "text/javascript;charset=utf-8"),
      Map.entry("mjs", "text/javascript;charset=utf-8"),
      Map.entry("css", "text/css;charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("txt", "text/plain;charset=utf-8"),
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
  private final boolean builtInApp;
  private final Set<String> reserved;

  private StaticFilesHandler(StaticFiles files, boolean builtInApp, Set<String> reserved) {
    this.files = files;
    this.builtInApp = builtInApp;
    this.reserved = reserved;
  }

  /** The built-in web app from the classpath ({@code /web/}), with room paths. */
  static StaticFilesHandler builtInApp(ClassLoader loader, Set<String> reserved) {
    return new StaticFilesHandler(StaticFiles.classpath(loader, "web"), true, reserved);
  }

  /** The files below {@code root}, as they are. */
  static StaticFilesHandler webRoot(java.nio.file.Path root, Set<String> reserved) {
    return new StaticFilesHandler(StaticFiles.directory(root), false, reserved);
  }

  @Override
  public void service(Request request, Response response) throws IOException {
    response.setHeader("Content-Security-Policy", builtInApp ? APP_POLICY : WEB_ROOT_POLICY);
    Method method = request.getMethod();
    if (method != Method.GET && method != Method.HEAD) {
      response.setHeader("Allow", "GET, HEAD");
      plain(response, 405, "method not allowed");
      return;
    }
    Optional<String> decoded = RequestPaths.decode(request.getRequestURI());
    if (decoded.isEmpty() || reserved.contains(decoded.get())) {
      plain(response, 404, "not found");
      return;
    }
    String path = decoded.get();
    Optional<StaticFiles.File> file = files.find(path.equals("/") && builtInApp ? "/index.html" : path);
    if (file.isEmpty() && builtInApp && path.length() > 1 && path.indexOf('/', 1) < 0) {
      file = files.find("/index.html"); // a room
      if (file.isPresent()) {
        send(request, response, file.get(), "text/html;charset=utf-8");
        return;
      }
    }
    if (file.isEmpty()) {
      if (files.isDirectory(path)) {
        response.setStatus(301);
        response.setHeader("Location", request.getRequestURI() + "/");
        return;
      }
      plain(response, 404, "not found");
      return;
    }
    send(request, response, file.get(), typeOf(file.get().name()));
  }

  private static void send(Request request, Response response, StaticFiles.File file, String type) throws IOException {
    response.setStatus(200);
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-cache");
    long length = file.length();
    if (length >= 0) {
      response.setContentLengthLong(length);
    }
    if (request.getMethod() == Method.HEAD) {
      return;
    }
    try (InputStream in = file.open(); OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  private static void plain(Response response, int status, String body) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    byte[] bytes = (body + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static String typeOf(String name) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
