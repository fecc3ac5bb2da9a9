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

  /** The directory of simulator {@code name} when the plugin runs several (null: the only one). */
  static Path directory(Path socket, String name) {
    return name == null ? directory(socket)
        : socket.resolveSibling(socket.getFileName() + "." + name + ".simulator");
  }

  static Path passwordFile(Path socket) {
    return directory(socket).resolve("password");
  }

  static Path certificateFile(Path socket) {
    return directory(socket).resolve("ca.pem");
  }

  /** Writes the files for {@code simulator} served on {@code socket}; {@link #close()} removes them. */
  static SimulatorAccess write(Path socket, OneViewSimulator simulator) throws IOException {
    return write(socket, null, simulator);
  }

  /** As {@link #write(Path, OneViewSimulator)}, for simulator {@code name} of several. */
  static SimulatorAccess write(Path socket, String name, OneViewSimulator simulator) throws IOException {
    Path dir = directory(socket, name);
    SimulatorAccess access = new SimulatorAccess(dir);
    access.close(); // a crashed run's files describe a simulator that no longer exists
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    write(dir.resolve("password"), simulator.password() + "\n");
    write(dir.resolve("ca.pem"), simulator.certificatePem());
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
