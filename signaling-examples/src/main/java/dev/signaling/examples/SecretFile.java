package dev.signaling.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret kept in a file ({@code --turn-secret-file}): its first line, without surrounding
 * whitespace. Read when created; afterwards, at most once per {@code checkEvery}, the file's
 * modification time is looked at and the file read again when it changed, so a rotated secret
 * is used without a restart. A file that turns unreadable or empty keeps the last good secret
 * (and says so in the log, never showing the secret).
 */
final class SecretFile implements Supplier<byte[]> {
  private static final Logger log = LoggerFactory.getLogger(SecretFile.class);

  private final Path file;
  private final Duration checkEvery;
  private final InstantSource clock;
  private volatile byte[] secret;
  private volatile FileTime modified;
  private volatile Instant nextCheck;

  /** @throws IOException when the file cannot be read, IllegalArgumentException when its first line is empty */
  SecretFile(Path file, Duration checkEvery, InstantSource clock) throws IOException {
    this.file = file;
    this.checkEvery = checkEvery;
    this.clock = clock;
    this.modified = Files.getLastModifiedTime(file);
    this.secret = read(file);
    this.nextCheck = clock.instant().plus(checkEvery);
  }

  private static byte[] read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String secret = lines.isEmpty() ? "" : lines.get(0).strip();
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty: its first line must hold the TURN secret");
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] get() {
    if (!clock.instant().isBefore(nextCheck)) {
      reloadIfChanged();
    }
    return secret;
  }

  private synchronized void reloadIfChanged() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck)) {
      return; // another thread just looked
    }
    nextCheck = now.plus(checkEvery);
    try {
      FileTime current = Files.getLastModifiedTime(file);
      if (current.equals(modified)) {
        return;
      }
      secret = read(file);
      modified = current;
      log.info("TURN secret file {} changed: new credentials are signed with its secret", file);
    } catch (IOException | IllegalArgumentException e) {
      log.warn("TURN secret file {} unusable ({}); still signing with the previous secret", file, e.getMessage());
    }
  }
}
