package dev.signaling.examples;

import dev.signaling.core.http.RequestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where static files come from: the built-in web app on the classpath, or a directory of the
 * user's ({@code --web-root}). Paths given to {@link #read} are decoded; sources refuse {@code .}
 * and {@code ..} segments, backslashes and control characters ({@link RequestPaths#isSafe}), every
 * name that starts with a dot, and anything that is not a regular file inside their root after
 * following symbolic links. Directories are never listed.
 */
abstract sealed class StaticFiles {
  /** Files above this size are not served from a web root (this is a signaling demo, not a CDN). */
  static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  /** The bytes of the file at {@code path} (decoded, starting with '/'), if it is a servable file. */
  abstract Optional<byte[]> read(String path);

  /** Whether {@code path} names a directory (to redirect {@code /dir} to {@code /dir/}). */
  abstract boolean isDirectory(String path);

  static StaticFiles classpath(ClassLoader loader, String prefix) {
    return new Classpath(loader, prefix);
  }

  static StaticFiles directory(Path root) {
    return new Directory(root);
  }

  private static boolean refused(String path) {
    return !RequestPaths.isSafe(path) || path.contains("/.");
  }

  /** The built-in app: each file read once and kept (it is small and never changes). */
  static final class Classpath extends StaticFiles {
    private final ClassLoader loader;
    private final String prefix;
    /** Files by path; Optional.empty() remembers a path that names no file. */
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    Classpath(ClassLoader loader, String prefix) {
      this.loader = loader;
      this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    Optional<byte[]> read(String path) {
      if (refused(path) || path.endsWith("/")) {
        return Optional.empty();
      }
      if (cache.size() > 256 && !cache.containsKey(path)) {
        return load(path); // probed paths do not grow the cache without end
      }
      return cache.computeIfAbsent(path, this::load);
    }

    @Override
    boolean isDirectory(String path) {
      return !path.endsWith("/") && read(path + "/index.html").isPresent();
    }

    private Optional<byte[]> load(String path) {
      URL url = loader.getResource(prefix + path.substring(1));
      if (url == null) {
        return Optional.empty();
      }
      try {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar && (jar.getJarEntry() == null || jar.getJarEntry().isDirectory())) {
          return Optional.empty();
        }
        if ("file".equals(url.getProtocol()) && !Files.isRegularFile(Path.of(url.toURI()))) {
          return Optional.empty();
        }
        try (InputStream in = connection.getInputStream()) {
          return Optional.of(in.readAllBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + url, e);
      } catch (URISyntaxException | IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /** A directory on disk, read on every request (the user edits it while the server runs). */
  static final class Directory extends StaticFiles {
    private final Path root;

    Directory(Path root) {
      try {
        this.root = root.toRealPath();
      } catch (IOException e) {
        throw new UncheckedIOException("web root " + root + " is not readable", e);
      }
      if (!Files.isDirectory(this.root)) {
        throw new IllegalArgumentException("web root " + root + " is not a directory");
      }
    }

    @Override
    Optional<byte[]> read(String path) {
      if (refused(path)) {
        return Optional.empty();
      }
      String relative = path.substring(1);
      if (relative.isEmpty() || relative.endsWith("/")) {
        relative = relative + "index.html";
      }
      Optional<Path> file = inside(relative);
      try {
        if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)
            || Files.size(file.get()) > MAX_FILE_BYTES) {
          return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file.get()));
      } catch (IOException e) {
        return Optional.empty(); // unreadable (permissions, removed meanwhile): as if absent
      }
    }

    @Override
    boolean isDirectory(String path) {
      if (refused(path) || path.endsWith("/")) {
        return false;
      }
      Optional<Path> dir = inside(path.substring(1));
      return dir.isPresent() && Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The real path of {@code relative} below the root; empty if missing or if it (or a link on the way) leads outside. */
    private Optional<Path> inside(String relative) {
      try {
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
          return Optional.empty();
        }
        Path real = candidate.toRealPath(); // follows every symbolic link on the way
        return real.startsWith(root) ? Optional.of(real) : Optional.empty();
      } catch (IOException | InvalidPathException e) {
        return Optional.empty();
      }
    }
  }
}
