package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the socket goes, who may use it, and that nothing is left behind. */
class SocketLifecycleTest {
  private final TempPluginsDir dir = new TempPluginsDir();

  @AfterEach
  void cleanUp() {
    dir.close();
  }

  private PluginServer.Builder server(Path pluginsDir) {
    return PluginServer.builder().name("instance-x").pluginsDirectory(pluginsDir)
        .instancePlugin(new InMemoryInstancePlugin()).shutdownHook(false);
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void anIdleServerKeepsAFewThreadsNotJettysDefaultEight() throws Exception {
    try (PluginServer s = server(dir.path).name("instance-idle").build().start();
        InstancePluginClient client = InstancePluginClient.connect(s.socketPath())) {
      client.describeInstances(Map.of(), false); // serves a call, as between InfraKit's polls
      long pool = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("infrakit-instance-idle")).count();
      // The acceptor and the selector (one each, whatever the CPU count) take two of them; Jetty's
      // default minimum kept 8 alive.
      assertThat(pool).isBetween(2L, (long) PluginJetty.MIN_THREADS + 1);
    }
  }

  @Test
  void pluginsDirectoryComesFromTheEnvironmentInInfraKitsOrder() {
    Path home = Path.of("/home/u");
    assertThat(SocketFiles.defaultPluginsDir(Map.of("INFRAKIT_PLUGINS_DIR", "/p", "INFRAKIT_HOME", "/h")::get, home))
        .isEqualTo(Path.of("/p"));
    assertThat(SocketFiles.defaultPluginsDir(Map.of("INFRAKIT_HOME", "/h")::get, home)).isEqualTo(Path.of("/h/plugins"));
    assertThat(SocketFiles.defaultPluginsDir(Map.<String, String>of()::get, home)).isEqualTo(Path.of("/home/u/.infrakit/plugins"));
  }

  @Test
  void builderUsesTheInjectedEnvironment() {
    Path fromEnv = dir.resolve("env");
    PluginServer s = PluginServer.builder().name("n").instancePlugin(new InMemoryInstancePlugin())
        .environment(Map.of("INFRAKIT_HOME", fromEnv.toString())::get).build();
    assertThat(s.socketPath()).isEqualTo(fromEnv.resolve("plugins").resolve("n"));
  }

  @Test
  void missingDirectoryIsCreatedOwnerOnlyAndTheSocketIsOwnerOnly() throws Exception {
    Path plugins = dir.resolve("a").resolve("plugins");
    try (PluginServer s = server(plugins).build().start()) {
      assertThat(perms(plugins)).isEqualTo("rwx------");
      assertThat(perms(s.socketPath())).isEqualTo("rw-------");
      assertThat(s.socketPath()).isEqualTo(plugins.resolve("instance-x"));
    }
  }

  @Test
  void pidFileHoldsOurPidWhileRunningAndEverythingIsRemovedOnClose() throws Exception {
    PluginServer s = server(dir.path).build().start();
    assertThat(Files.readString(s.pidFile())).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(s.pidFile()).isEqualTo(dir.resolve("instance-x.pid"));
    s.close();
    s.close();
    assertThat(s.socketPath()).doesNotExist();
    assertThat(s.pidFile()).doesNotExist();
    try (Stream files = new Stream(dir.path)) {
      assertThat(files.names()).isEmpty();
    }
  }

  @Test
  void worldWritableDirectoryIsRefused() throws Exception {
    Files.setPosixFilePermissions(dir.path, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> server(dir.path).build().start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("world-writable");
    assertThat(dir.resolve("instance-x")).doesNotExist();
  }

  @Test
  void aPluginsDirectoryInsideAFileSaysWhichPathIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> server(file.resolve("plugins")).build().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot create plugins directory " + file.resolve("plugins") + ": " + file
            + " is a file, not a directory");
    assertThatThrownBy(() -> server(file).build().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot use plugins directory " + file + ": " + file + " exists and is not a directory");
  }

  @Test
  void aPluginsDirectoryThatCannotBeCreatedSaysPermissionDenied() throws Exception {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(locked), "running as root");
      assertThatThrownBy(() -> server(locked.resolve("plugins")).build().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot create plugins directory " + locked.resolve("plugins")
              + ": permission denied on ");
      assertThatThrownBy(() -> server(locked).build().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("plugins directory " + locked + " is not writable by this user; choose a directory you own");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void preflightRefusesALivePluginAtOnceAndPassesAFreeName() {
    try (PluginServer first = server(dir.path).build().start()) {
      assertThatThrownBy(() -> PluginServer.preflight(dir.path, "instance-x", k -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a plugin is already listening on " + first.socketPath());
      assertThat(PluginServer.preflight(dir.path, "instance-y", k -> null)).isEqualTo(dir.resolve("instance-y"));
      assertThat(dir.resolve("instance-y")).doesNotExist();
    }
  }

  @Test
  void staleSocketLeftByACrashIsReplaced() throws Exception {
    Path socket = dir.resolve("instance-x");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    } // closing does not unlink: the file stays, as after a crash
    assertThat(socket).exists();
    try (PluginServer s = server(dir.path).build().start();
        InstancePluginClient c = InstancePluginClient.connect(s.socketPath())) {
      assertThat(c.describeInstances(Map.of(), false)).isEmpty();
    }
  }

  @Test
  void secondServerRefusesWhileALivePluginAnswersAndLeavesItAlone() {
    try (PluginServer first = server(dir.path).build().start()) {
      assertThatThrownBy(() -> server(dir.path).build().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a plugin is already listening on " + first.socketPath() + "; stop it first or choose another name");
      try (InstancePluginClient c = InstancePluginClient.connect(first.socketPath())) {
        assertThat(c.describeInstances(Map.of(), false)).isEmpty();
      }
      assertThat(first.pidFile()).exists();
    }
  }

  @Test
  void aFileThatIsNotASocketIsNeverDeleted() throws Exception {
    Path notASocket = Files.writeString(dir.resolve("instance-x"), "precious");
    assertThatThrownBy(() -> server(dir.path).build().start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not a socket");
    assertThat(notASocket).hasContent("precious");
  }

  @Test
  void failedStartAfterBindingRemovesSocketAndPidFile() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      PluginServer s = server(dir.path).listen("127.0.0.1", taken.getLocalPort()).build();
      assertThatThrownBy(s::start).isInstanceOf(RuntimeException.class).hasMessageContaining("instance-x");
      assertThat(s.socketPath()).doesNotExist();
      assertThat(s.pidFile()).doesNotExist();
      assertThat(dir.resolve("instance-x.listen")).doesNotExist();
    }
  }

  @Test
  void socketPathTooLongForUnixIsRefusedClearly() {
    Path deep = dir.resolve("d".repeat(100));
    assertThatThrownBy(() -> server(deep).build().start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unix sockets allow at most");
  }

  @Test
  void builderRejectsNamesThatAreNotPlainFileNames() {
    assertThatThrownBy(() -> PluginServer.builder().name("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PluginServer.builder().name("x").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("at least one instance plugin required");
  }

  @Test
  void sigtermRemovesSocketAndPidFile() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        StandaloneServer.class.getName(), dir.path.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        // skip the child's log lines
      }
      assertThat(line).as("child server started").isEqualTo("READY");
      Path socket = dir.resolve("instance-child");
      assertThat(socket).exists();
      assertThat(Files.readString(dir.resolve("instance-child.pid"))).isEqualTo(Long.toString(child.pid()));

      child.destroy(); // SIGTERM
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(socket).doesNotExist();
      assertThat(dir.resolve("instance-child.pid")).doesNotExist();
    } finally {
      child.destroyForcibly();
    }
  }

  /** Lists a directory's file names. */
  private static final class Stream implements AutoCloseable {
    private final java.util.stream.Stream<Path> files;

    Stream(Path dir) throws java.io.IOException {
      files = Files.list(dir);
    }

    java.util.List<String> names() {
      return files.map(p -> p.getFileName().toString()).toList();
    }

    @Override
    public void close() {
      files.close();
    }
  }
}
