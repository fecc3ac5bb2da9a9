package io.oneviewinfrakit.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started from this benchmark's classpath with default flags, running one main class: a part
 * of a scenario that must not share the benchmark's JVM (its locks, heap and JIT). It is ready once
 * it prints a line {@code ready} matches; after that it either answers line commands on stdin
 * ({@link #ask}) or, when started with {@code drain}, prints only a log nobody reads.
 */
final class ChildJvm implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final Matcher ready;

  private ChildJvm(Process process, BufferedReader out, Matcher ready) {
    this.process = process;
    this.out = out;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.ready = ready;
  }

  /**
   * Starts {@code mainClass} with {@code args} and waits for its ready line. With {@code drain},
   * its stderr goes with its stdout, and everything it prints after that line is read and dropped;
   * without, its stderr (its log) goes to this JVM's, so that stdout carries only its answers and
   * a log nobody reads cannot fill the pipe and stop it.
   */
  static ChildJvm start(String mainClass, List<String> args, Pattern ready, boolean drain) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp",
        System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      if (drain) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      }
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CountDownLatch isReady = new CountDownLatch(1);
    Process started = process;
    // A thread of the benchmark's own (bench-*), gone once the child is ready: scenario 8 counts
    // every other thread of this JVM as the plugin's (CompletableFuture's delayer thread stays).
    Thread watchdog = new Thread(() -> {
      try {
        if (!isReady.await(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          started.destroyForcibly(); // its stdout ends: "exited before it was ready"
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-child-ready-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher m = ready.matcher(line);
        if (m.find()) {
          isReady.countDown();
          if (drain) {
            drain(out, mainClass);
          }
          return new ChildJvm(process, out, m);
        }
      }
      throw new IllegalStateException(mainClass + " exited (or was stopped after "
          + READY_TIMEOUT.toSeconds() + " s) before it was ready: " + seen);
    } catch (IOException | RuntimeException e) {
      isReady.countDown(); // ends the watchdog
      stop(process);
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
  }

  /** The ready line's match (its groups carry what the child announced). */
  Matcher ready() {
    return ready;
  }

  /** Sends {@code command} and returns the rest of the first line starting with {@code command + " "}. */
  String ask(String command) {
    in.println(command);
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(command + " ")) {
          return line.substring(command.length() + 1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("the child JVM exited without answering " + command);
  }

  /** Closes its stdin, the sign to stop, and waits for it to exit; ends it after 30 s. */
  @Override
  public void close() {
    in.close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        stop(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process);
    }
    closeOutput();
  }

  /** Ends it now (SIGTERM, then SIGKILL after 10 s), for a child that does not read its stdin. */
  void stop() {
    in.close();
    stop(process);
    closeOutput();
  }

  private void closeOutput() {
    try {
      out.close();
    } catch (IOException e) {
      // nothing left to read
    }
  }

  /** Ends {@code process}: politely, then forcibly after 10 s. Null is ignored. */
  static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void drain(BufferedReader out, String mainClass) {
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // the child's log: not read
        }
      } catch (IOException e) {
        // the child stopped
      }
    }, "bench-child-output-" + mainClass.substring(mainClass.lastIndexOf('.') + 1));
    drain.setDaemon(true);
    drain.start();
  }
}
