package io.oneviewinfrakit.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Owner-only (0700) scratch directories for tests. They live directly under /tmp because a Unix
 * socket path must stay under about 100 bytes, and they are private because the plugin refuses a
 * plugins directory others can write.
 */
final class PrivateDirectory {
  private PrivateDirectory() {}

  static Path create(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("/tmp"), prefix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything below it; a missing directory is fine. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
