package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded simulator's password and certificate in owner-only files next to the socket, so
 * {@code inventory} and SDK code can reach the simulator the plugin uses without the password ever
 * appearing in a log line or a process argument. InfraKit's discovery ignores directories.
 */
final class SimulatorAccess implements AutoCloseable {
  private final Path directory;

  private SimulatorAccess(Path directory) {
    this.directory = directory;
  }

  static Path directory(Path socket) {
    return socket.resolveSibling(socket.getFileName() + ".simulator");
  }

  static Path passwordFile(Path socket) {
    return directory(socket).resolve("password");
  }

  static Path certificateFile(Path socket) {
    return directory(socket).resolve("ca.pem");
  }

  /** Writes the files for {@code simulator} served on {@code socket}; {@link #close()} removes them. */
  static SimulatorAccess write(Path socket, OneViewSimulator simulator) throws IOException {
    Path dir = directory(socket);
    SimulatorAccess access = new SimulatorAccess(dir);
    access.close(); // a crashed run's files describe a simulator that no longer exists
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    write(passwordFile(socket), simulator.password() + "\n");
    write(certificateFile(socket), simulator.certificatePem());
    return access;
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        content, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(directory.resolve("password"));
    Files.deleteIfExists(directory.resolve("ca.pem"));
    Files.deleteIfExists(directory);
  }
}
