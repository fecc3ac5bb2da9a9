package io.oneviewinfrakit.infrakit.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files one {@link PluginServer} owns in the plugins directory: the socket, {@code NAME.pid} and
 * {@code NAME.listen}. Makes way for them before the socket is bound and removes them on stop, but
 * only those this server wrote. Not thread-safe: the server's lock guards it.
 */
final class PluginFiles {
  // The server's logger, so that what operators filter on stays as it was.
  private static final Logger log = LoggerFactory.getLogger(PluginServer.class);

  private final String name;
  final Path directory;
  final Path socket;
  final Path pidFile;
  final Path listenFile;
  private boolean wroteListenFile;
  private boolean wrotePidFile;

  PluginFiles(String name, Path directory) {
    this.name = name;
    this.directory = directory;
    this.socket = directory.resolve(name);
    this.pidFile = directory.resolve(name + ".pid");
    this.listenFile = directory.resolve(name + ".listen");
  }

  /** {@code configured}, or when null InfraKit's default from {@code environment}. */
  static Path directory(Path configured, Function<String, String> environment) {
    return configured != null
        ? configured
        : SocketFiles.defaultPluginsDir(environment, Path.of(System.getProperty("user.home")));
  }

  /** What {@link PluginServer#preflight} promises: see there. */
  static Path preflight(Path pluginsDirectory, String name, Function<String, String> environment) {
    Path dir = directory(pluginsDirectory, environment);
    Path socket = dir.resolve(name);
    try {
      SocketFiles.prepareDirectory(dir);
      SocketFiles.checkSocketPathLength(socket);
      SocketFiles.checkNoLivePlugin(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use plugins directory " + dir + ": " + e.getMessage(), e);
    }
    return socket;
  }

  /**
   * Readies the directory and clears a stale socket; from here on the socket path is ours and
   * {@link #remove(boolean) remove(true)} must follow any failure.
   */
  void makeWay() throws IOException {
    SocketFiles.prepareDirectory(directory);
    SocketFiles.checkSocketPathLength(socket);
    SocketFiles.clearStaleSocket(socket);
  }

  /** Once Jetty bound the socket: only its owner may connect. */
  void socketBound() throws IOException {
    SocketFiles.ownerOnly(socket);
  }

  void writeListenFile(String url) throws IOException {
    wroteListenFile = true;
    SocketFiles.writePrivate(listenFile, url);
  }

  void writePidFile() throws IOException {
    wrotePidFile = true;
    SocketFiles.writePrivate(pidFile, Long.toString(ProcessHandle.current().pid()));
  }

  /** Removes the socket when {@code ownsSocket}, and the pid and listen files when this server wrote them. */
  void remove(boolean ownsSocket) {
    if (ownsSocket) {
      deleteQuietly(socket);
    }
    // Only our own files: a refused start must not touch those of the plugin already running.
    if (wrotePidFile) {
      deleteQuietly(pidFile);
    }
    if (wroteListenFile) {
      deleteQuietly(listenFile);
    }
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Instance plugin {}: cannot remove {}: {}", name, file, e.toString());
    }
  }
}
