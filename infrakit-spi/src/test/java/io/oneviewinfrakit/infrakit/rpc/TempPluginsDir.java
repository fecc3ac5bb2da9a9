package io.oneviewinfrakit.infrakit.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A short private directory under /tmp (Unix socket paths are limited to about 100 bytes). */
final class TempPluginsDir implements AutoCloseable {
  final Path path;

  TempPluginsDir() {
    try {
      path = Files.createTempDirectory(Path.of("/tmp"), "ik");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
