package dev.signaling.examples;

import dev.signaling.core.http.HttpRequest;
import dev.signaling.core.http.HttpResponse;
import dev.signaling.core.http.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web client from the classpath ({@code /web/}), each file read once and kept. A path
 * that names no file and has one segment, such as {@code /foo}, is a room: it gets {@code
 * index.html}, whose script reads the room name from the URL (the codelab's bonus question 3).
 * A server-neutral route: Grizzly and Netty serve the same one.
 */
final class WebAppRoute implements HttpRoute {
  private static final String ROOT = "web";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json",
      "png", "image/png",
      "svg", "image/svg+xml",
      "ico", "image/x-icon");

  private final ClassLoader classLoader;
  private final Set<String> reserved;
  /** Files by path; Optional.empty() remembers a path that names no file. */
  private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

  WebAppRoute(ClassLoader classLoader, Set<String> reserved) {
    this.classLoader = classLoader;
    this.reserved = Set.copyOf(reserved);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    String path = request.path();
    if (reserved.contains(path) || !path.startsWith("/") || path.contains("..") || path.contains("\\")
        || path.contains("//")) {
      return null;
    }
    if (!request.method().equals("GET") && !request.isHead()) {
      return HttpResponse.methodNotAllowed("GET, HEAD");
    }
    String file = path.endsWith("/") ? path + "index.html" : path;
    Optional<byte[]> found = file(file);
    if (found.isPresent()) {
      return HttpResponse.of(200, typeOf(file), found.get());
    }
    if (file(path + "/index.html").isPresent()) {
      return HttpResponse.of(301, null, new byte[0]).withHeader("Location", path + "/");
    }
    boolean roomPath = path.length() > 1 && path.indexOf('/', 1) < 0;
    if (!roomPath) {
      return null;
    }
    // The type must not be guessed from the room's name (none, or a wrong one for "/a.png").
    return HttpResponse.of(200, TYPES.get("html"), file("/index.html").orElseThrow());
  }

  private Optional<byte[]> file(String path) {
    int lastSlash = path.lastIndexOf('/');
    if (path.indexOf('.', lastSlash) < 0) {
      return Optional.empty(); // directories and extension-less names are never files here
    }
    if (files.size() > 256 && !files.containsKey(path)) {
      return read(path); // probed paths do not grow the cache without end
    }
    return files.computeIfAbsent(path, this::read);
  }

  private Optional<byte[]> read(String path) {
    try (InputStream in = classLoader.getResourceAsStream(ROOT + path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + path, e);
    }
  }

  private static String typeOf(String file) {
    String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
