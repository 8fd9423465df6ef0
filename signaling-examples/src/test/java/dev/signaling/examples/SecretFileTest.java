package dev.signaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.signaling.core.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  private final MutableClock clock = new MutableClock();

  private static String text(byte[] secret) {
    return new String(secret, StandardCharsets.UTF_8);
  }

  /** Writes {@code content} and gives the file a modification time of its own, as a later edit would. */
  private static void write(Path file, String content, int second) throws Exception {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
  }

  @Test
  void theFirstLineWithoutSurroundingWhitespaceIsTheSecret(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("secret");
    write(file, "  s3cret \nignored second line\n", 0);

    assertEquals("s3cret", text(new SecretFile(file, Duration.ofSeconds(10), clock).get()));
  }

  @Test
  void aChangedFileIsReadAgainOnceTheCheckIntervalHasPassed(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("secret");
    write(file, "old-secret\n", 0);
    SecretFile secret = new SecretFile(file, Duration.ofSeconds(10), clock);

    write(file, "new-secret\n", 1);
    clock.advanceMillis(9_999);
    assertEquals("old-secret", text(secret.get()), "not looked at again before 10 s");
    clock.advanceMillis(1);
    assertEquals("new-secret", text(secret.get()));
  }

  @Test
  void aFileThatTurnsEmptyOrDisappearsKeepsTheLastGoodSecret(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("secret");
    write(file, "good-secret\n", 0);
    SecretFile secret = new SecretFile(file, Duration.ofSeconds(10), clock);

    write(file, "\n", 1);
    clock.advanceMillis(10_000);
    assertEquals("good-secret", text(secret.get()));
    Files.delete(file);
    clock.advanceMillis(10_000);
    assertEquals("good-secret", text(secret.get()));
    write(file, "next-secret", 2);
    clock.advanceMillis(10_000);
    assertEquals("next-secret", text(secret.get()));
  }

  @Test
  void anEmptyOrMissingFileIsRefusedAtStart(@TempDir Path directory) throws Exception {
    Path empty = directory.resolve("empty");
    write(empty, " \n", 0);
    assertThrows(IllegalArgumentException.class, () -> new SecretFile(empty, Duration.ofSeconds(10), clock));
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> new SecretFile(directory.resolve("missing"), Duration.ofSeconds(10), clock));
  }
}
