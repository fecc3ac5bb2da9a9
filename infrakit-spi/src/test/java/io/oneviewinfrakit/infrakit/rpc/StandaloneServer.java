package io.oneviewinfrakit.infrakit.rpc;

import io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin;
import java.nio.file.Path;

/** A plugin process for the signal test: starts, says READY, serves until the JVM is told to stop. */
public final class StandaloneServer {
  private StandaloneServer() {}

  public static void main(String... args) throws Exception {
    PluginServer server = PluginServer.builder().name("instance-child").pluginsDirectory(Path.of(args[0]))
        .instancePlugin(new InMemoryInstancePlugin()).build().start();
    System.out.println("READY");
    System.out.flush();
    server.join();
  }
}
