package dev.signaling.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where static files come from: the built-in web app on the classpath, or a directory of the
 * user's ({@code --web-root}). Paths given to {@link #find} are decoded and free of {@code .}
 * and {@code ..} segments ({@link RequestPaths}); sources still refuse anything that is not a
 * regular file inside their root, after following symbolic links, and every name that starts
 * with a dot. Directories are never listed.
 */
abstract sealed class StaticFiles {
  /** A file to serve: its bytes (read when asked) and its name, which gives its content type. */
  interface File {
    String name();

    long length();

    InputStream open() throws IOException;
  }

  /** The file at {@code path} (decoded, starting with '/'), if there is a servable one. */
  abstract Optional<File> find(String path);

  /** Whether {@code path} names a directory (to redirect {@code /dir} to {@code /dir/}). */
  abstract boolean isDirectory(String path);

  static StaticFiles classpath(ClassLoader loader, String prefix) {
    return new Classpath(loader, prefix);
  }

  static StaticFiles directory(Path root) {
    return new Directory(root);
  }

  static boolean hidden(String path) {
    return path.contains("/.");
  }

  /** The built-in app: read once per file and kept in memory (it is small and never changes). */
  static final class Classpath extends StaticFiles {
    private final ClassLoader loader;
    private final String prefix;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    Classpath(ClassLoader loader, String prefix) {
      this.loader = loader;
      this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    Optional<File> find(String path) {
      if (hidden(path) || path.endsWith("/")) {
        return Optional.empty();
      }
      if (cache.size() > 256 && !cache.containsKey(path)) {
        return Optional.ofNullable(read(path)).map(bytes -> file(path, bytes)); // do not let misses grow the cache
      }
      return cache.computeIfAbsent(path, p -> Optional.ofNullable(read(p))).map(bytes -> file(path, bytes));
    }

    @Override
    boolean isDirectory(String path) {
      return false;
    }

    private byte[] read(String path) {
      URL url = loader.getResource(prefix + path.substring(1));
      if (url == null) {
        return null;
      }
      try {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar && (jar.getJarEntry() == null || jar.getJarEntry().isDirectory())) {
          return null;
        }
        if ("file".equals(url.getProtocol()) && !Files.isRegularFile(Path.of(url.toURI()))) {
          return null;
        }
        try (InputStream in = connection.getInputStream()) {
          return in.readAllBytes();
        }
      } catch (IOException | URISyntaxException | IllegalArgumentException e) {
        return null;
      }
    }

    private static File file(String path, byte[] bytes) {
      return new File() {
        @Override
        public String name() {
          return path;
        }

        @Override
        public long length() {
          return bytes.length;
        }

        @Override
        public InputStream open() {
          return new java.io.ByteArrayInputStream(bytes);
        }
      };
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
    Optional<File> find(String path) {
      if (hidden(path)) {
        return Optional.empty();
      }
      String relative = path.substring(1);
      if (relative.isEmpty() || relative.endsWith("/")) {
        relative = relative + "index.html";
      }
      Optional<Path> file = inside(relative);
      if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      Path real = file.get();
      return Optional.of(new File() {
        @Override
        public String name() {
          return real.getFileName().toString();
        }

        @Override
        public long length() {
          try {
            return Files.size(real);
          } catch (IOException e) {
            return -1;
          }
        }

        @Override
        public InputStream open() throws IOException {
          return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
        }
      });
    }

    @Override
    boolean isDirectory(String path) {
      if (hidden(path) || path.endsWith("/")) {
        return false;
      }
      Optional<Path> dir = inside(path.substring(1));
      return dir.isPresent() && Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The real path of {@code relative} below the root: empty if missing or if it (or a link on the way) leads outside. */
    private Optional<Path> inside(String relative) {
      try {
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
          return Optional.empty();
        }
        Path real = candidate.toRealPath(); // follows every symbolic link on the way
        return real.startsWith(root) ? Optional.of(real) : Optional.empty();
      } catch (IOException | java.nio.file.InvalidPathException e) {
        return Optional.empty();
      }
    }
  }
}
