package io.oneviewinfrakit.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulator standalone until SIGTERM/SIGINT; prints one line saying where it listens. */
@Command(name = "oneview-simulator", mixinStandardHelpOptions = true, version = "oneview-simulator 0.1.0",
    description = "A stateful fake HPE OneView appliance.")
public final class Main implements Callable<Integer> {
  @Option(names = "--port", description = "Port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port = 0;

  @Option(names = "--servers", description = "Servers in the standard inventory (default ${DEFAULT-VALUE}).")
  int servers = 16;

  @Option(names = "--inventory", description = "Inventory JSON file instead of the standard one.")
  Path inventory;

  @Option(names = "--task-seconds", description = "Duration of every task, in seconds (default ${DEFAULT-VALUE}).")
  double taskSeconds = 2;

  @Option(names = "--listing-lag-seconds", description = "Delay before a created profile is listed (default ${DEFAULT-VALUE}).")
  double listingLagSeconds = 0;

  @Option(names = "--http", description = "Serve plain HTTP instead of HTTPS.")
  boolean http;

  @Option(names = "--user", description = "User name (default ${DEFAULT-VALUE}).")
  String user = "Administrator";

  @Option(names = "--password", description = "Password (generated when absent).")
  String password;

  @Option(names = "--read-only-user", paramLabel = "NAME",
      description = "Also accept this user, with the Read only role: GETs work, changes get 403.")
  String readOnlyUser;

  @Option(names = "--read-only-password", description = "Password of --read-only-user (generated when absent).")
  String readOnlyPassword;

  @Option(names = "--seed", description = "Seed for ids and random faults (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--session-idle-minutes", description = "Session idle timeout (default ${DEFAULT-VALUE}).")
  long sessionIdleMinutes = 24 * 60;

  @Option(names = "--session-limit", description = "Sessions per client IP (default ${DEFAULT-VALUE}).")
  int sessionLimit = 960;

  @Option(names = "--latency-ms", description = "Fixed latency per request, or min,max for a random one.", split = ",")
  long[] latencyMs;

  @Option(names = "--error-rate", description = "Share of requests answered with 503 (0..1).")
  double errorRate;

  @Option(names = "--error-status", description = "Status used by --error-rate (default ${DEFAULT-VALUE}).")
  int errorStatus = 503;

  @Option(names = "--drop-rate", description = "Share of connections dropped without a response (0..1).")
  double dropRate;

  @Option(names = "--restart-every", description = "Invalidate all sessions every N requests (0 = never).")
  int restartEvery;

  @Option(names = "--task-failure-rate", description = "Share of profile create tasks ending in Error (0..1).")
  double taskFailureRate;

  @Option(names = "--task-failure-code", description = "errorCode of failed tasks (default ${DEFAULT-VALUE}).")
  String taskFailureCode = "ProfileAlreadyExistsInServer";

  @Option(names = "--lose-create-responses", paramLabel = "N",
      description = "Apply the next N profile creates (POST /rest/server-profiles), then close the "
          + "connection without the response, as a failing network or proxy would.")
  int loseCreateResponses;

  @Option(names = "--claim-server-after", paramLabel = "N",
      description = "Another OneView user assigns a profile to a free server just before the N-th request"
          + " (0 = never).")
  int claimServerAfter;

  @Option(names = "--absolute-location", description = "Send absolute task Location URLs.")
  boolean absoluteLocation;

  @Option(names = "--scmb", description = "Serve the State-Change Message Bus (AMQPS with client"
      + " certificates) and the /rest/certificates endpoints.")
  boolean scmb;

  @Option(names = "--admin-port", paramLabel = "PORT",
      description = "Serve the admin endpoint (faults, tasks, clock; plain HTTP on 127.0.0.1, no"
          + " login) on this port, 0 for a free one. Off when absent.")
  Integer adminPort;

  @Option(names = "--manual-clock", description = "Simulated time moves only through the admin"
      + " endpoint's clock/advance, not by itself.")
  boolean manualClock;

  public static void main(String... args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    OneViewSimulator.Builder builder = OneViewSimulator.builder()
        .servers(servers)
        .port(port)
        .seed(seed)
        .username(user)
        .taskDurations(Duration.ofMillis(Math.round(taskSeconds * 1000)))
        .profileListingLag(Duration.ofMillis(Math.round(listingLagSeconds * 1000)))
        .sessionIdleTimeout(Duration.ofMinutes(sessionIdleMinutes))
        .sessionLimitPerClient(sessionLimit)
        .absoluteTaskLocation(absoluteLocation)
        .scmb(scmb);
    if (adminPort != null) {
      builder.adminPort(adminPort);
    }
    if (manualClock) {
      builder.clock(new ManualClock());
    }
    if (password != null) {
      builder.password(password);
    }
    if (readOnlyUser != null) {
      builder.readOnlyUser(readOnlyUser, readOnlyPassword);
    }
    if (inventory != null) {
      builder.inventory(inventory);
    }
    if (http) {
      builder.http();
    }
    OneViewSimulator sim = builder.build().start();
    Faults faults = sim.faults();
    if (latencyMs != null && latencyMs.length > 0) {
      faults.latency(Duration.ofMillis(latencyMs[0]),
          Duration.ofMillis(latencyMs.length > 1 ? latencyMs[1] : latencyMs[0]));
    }
    if (errorRate > 0) {
      faults.errorShare(errorStatus, errorRate);
    }
    if (loseCreateResponses > 0) {
      faults.loseResponses("POST", "/rest/server-profiles", loseCreateResponses);
    }
    if (dropRate > 0) {
      faults.dropConnections(dropRate);
    }
    if (restartEvery > 0) {
      faults.invalidateSessionsEvery(restartEvery);
    }
    if (taskFailureRate > 0) {
      faults.failTasks(TaskKind.PROFILE_CREATE, taskFailureRate, taskFailureCode);
    }
    if (claimServerAfter > 0) {
      faults.assignForeignProfileAfterRequests(claimServerAfter, null);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.stop();
      stopped.countDown();
    }, "oneview-simulator-shutdown"));
    System.out.println("OneView simulator listening on " + sim.url() + " (user " + sim.username()
        + ", password " + sim.password() + ")"
        + sim.readOnlyUsername().map(u -> ", read-only user " + u + " (password "
            + sim.readOnlyPassword().orElseThrow() + ")").orElse("")
        + (scmb ? ", SCMB on amqps://127.0.0.1:" + sim.scmbPort() : "")
        + (adminPort != null ? ", admin on " + sim.adminUrl() : ""));
    System.out.flush();
    stopped.await();
    return 0;
  }
}
