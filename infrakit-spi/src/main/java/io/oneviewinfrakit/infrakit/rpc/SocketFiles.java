package io.oneviewinfrakit.infrakit.rpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Function;

/** The files of InfraKit's discovery directory: where it is, who may write it, and stale sockets. */
final class SocketFiles {
  private SocketFiles() {}

  /** Unix socket paths are limited by {@code sun_path}: 108 bytes on Linux including the NUL, 104 on BSDs. */
  static final int MAX_SOCKET_PATH_BYTES = 103;

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  /** {@code $INFRAKIT_PLUGINS_DIR}, else {@code $INFRAKIT_HOME/plugins}, else {@code ~/.infrakit/plugins} ({@code pkg/discovery/local/dir.go}). */
  static Path defaultPluginsDir(Function<String, String> env, Path home) {
    String dir = env.apply("INFRAKIT_PLUGINS_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String infrakitHome = env.apply("INFRAKIT_HOME");
    if (infrakitHome != null && !infrakitHome.isBlank()) {
      return Path.of(infrakitHome, "plugins");
    }
    return home.resolve(".infrakit").resolve("plugins");
  }

  /** Creates the directory 0700 when missing; refuses one that anybody may write (they could swap our socket). */
  static void prepareDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        // createDirectories names the first path element that is in the way: the directory or a parent.
        Path inTheWay = e.getFile() == null ? dir : Path.of(e.getFile());
        throw new IllegalStateException("cannot use plugins directory " + dir + ": " + inTheWay
            + " exists and is not a directory", e);
      } catch (AccessDeniedException e) {
        throw new IllegalStateException("cannot create plugins directory " + dir + ": permission denied on "
            + (e.getFile() == null ? dir.getParent() : e.getFile()) + " (choose a directory you own)", e);
      } catch (FileSystemException e) {
        Path existing = closestExisting(dir);
        String why = existing != null && !Files.isDirectory(existing)
            ? existing + " is a file, not a directory"
            : e.getReason() == null ? e.getMessage() : e.getReason() + " (" + e.getFile() + ")";
        throw new IllegalStateException("cannot create plugins directory " + dir + ": " + why, e);
      }
    }
    if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
      throw new IllegalStateException("plugins directory " + dir + " is not writable by this user; "
          + "choose a directory you own");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
    if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IllegalStateException("plugins directory " + dir
          + " is world-writable (" + PosixFilePermissions.toString(perms) + "); refusing to start: "
          + "use a directory only its owner can write");
    }
  }

  /** The nearest ancestor of {@code dir} (or itself) that exists, or null. */
  private static Path closestExisting(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  static void checkSocketPathLength(Path socket) {
    int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SOCKET_PATH_BYTES) {
      throw new IllegalStateException("socket path " + socket + " is " + bytes
          + " bytes long; Unix sockets allow at most " + MAX_SOCKET_PATH_BYTES + ": use a shorter plugins directory or name");
    }
  }

  /**
   * Makes way for our socket: refuses when a live plugin answers on it, deletes a stale socket left by a
   * crashed process (it would block bind), refuses to delete anything that is not a socket.
   */
  static void clearStaleSocket(Path socket) throws IOException {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isSocket(socket)) {
      throw new IllegalStateException(socket + " exists and is not a socket; refusing to replace it");
    }
    checkNoLivePlugin(socket);
    Files.deleteIfExists(socket);
  }

  /** Refuses when a live plugin answers on {@code socket}; a missing or stale socket passes. */
  static void checkNoLivePlugin(Path socket) throws IOException {
    if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !isSocket(socket)) {
      throw new IllegalStateException(socket + " exists and is not a socket; refusing to replace it");
    }
    if (answers(socket)) {
      throw new IllegalStateException("a plugin is already listening on " + socket
          + "; stop it first or choose another name");
    }
  }

  static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean isSocket(Path path) throws IOException {
    try {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return ((Integer) mode & S_IFMT) == S_IFSOCK;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // No "unix" attribute view: anything that is neither a file, a directory nor a link is taken for a socket.
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }
  }

  static void ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Writes a small file readable only by the owner, replacing the previous one atomically. */
  static void writePrivate(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.writeString(Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
