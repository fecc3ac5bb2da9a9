package io.oneviewinfrakit.infrakit.conformance;

import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Checks that an instance plugin behaves as InfraKit's group controller needs, whatever its backend:
 * <ul>
 *   <li>provision returns a non-null, unique ID;</li>
 *   <li>a new instance is listed at once, with every tag it was given, even while the backend still
 *       creates it (otherwise the controller provisions again);</li>
 *   <li>the tag filter of {@code describeInstances} is an AND;</li>
 *   <li>{@code label} merges tags;</li>
 *   <li>{@code destroy} removes the instance from the listing; destroying an ID never issued fails with a
 *       message (an issued one already gone may succeed);</li>
 *   <li>{@code validate} accepts the valid properties and rejects each malformed one;</li>
 *   <li>when the backend cannot be listed, listing fails rather than returning an empty list (only when a
 *       {@linkplain Builder#backendFailure(Runnable, Runnable) failure hook} is given).</li>
 * </ul>
 * Failures are {@link AssertionError}s naming the check and what was seen. Every check tags what it
 * creates with a unique {@code conformance.run} tag and destroys it afterwards, so the kit can run against
 * a backend shared with other instances.
 *
 * <p>For example, in a JUnit 5 test of any module:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformsToInfraKit() {
 *   InstancePluginConformance kit = InstancePluginConformance.builder()
 *       .plugin(myPlugin)                                   // or .socket(path) for a running plugin
 *       .validProperties(RawJson.of("{\"TemplateName\":\"web\"}"))
 *       .invalidProperties(RawJson.of("[]"), RawJson.of("{\"TemplateName\":7}"))
 *       .awaitSettled(id -> backend.finishTasks())           // optional, for asynchronous backends
 *       .backendFailure(backend::goDown, backend::comeBack)   // optional
 *       .build();
 *   return kit.checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run));
 * }
 * }</pre>
 * or simply {@code kit.verify()} to run every check and fail with all problems at once.
 */
public final class InstancePluginConformance {
  /** The tag each check puts on the instances it creates, to find (only) them again. */
  public static final String RUN_TAG = "conformance.run";

  /**
   * One named check.
   *
   * @param name what it checks, as a sentence
   * @param body runs the check; throws {@link AssertionError} on failure
   */
  public record Check(String name, Runnable body) {
    public Check {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(body, "body == null");
    }

    public void run() {
      body.run();
    }
  }

  private final InstancePlugin plugin;
  private final RawJson validProperties;
  private final List<RawJson> invalidProperties;
  private final Consumer<InstanceId> awaitSettled;
  private final Runnable breakBackend;
  private final Runnable repairBackend;

  private InstancePluginConformance(Builder b) {
    this.plugin = b.plugin;
    this.validProperties = b.validProperties;
    this.invalidProperties = List.copyOf(b.invalidProperties);
    this.awaitSettled = b.awaitSettled;
    this.breakBackend = b.breakBackend;
    this.repairBackend = b.repairBackend;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every check, in a stable order. */
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("validate accepts the valid properties", this::validateAcceptsValidProperties));
    if (!invalidProperties.isEmpty()) {
      checks.add(new Check("validate rejects malformed properties", this::validateRejectsInvalidProperties));
    }
    checks.add(new Check("provision returns a non-null unique ID", this::provisionReturnsUniqueIds));
    checks.add(new Check("a new instance is listed at once with every tag", this::newInstanceListedAtOnceWithEveryTag));
    checks.add(new Check("the tag filter is an AND", this::tagFilterIsAnAnd));
    checks.add(new Check("label merges tags", this::labelMergesTags));
    checks.add(new Check("destroy removes the instance from the listing", this::destroyRemovesFromListing));
    checks.add(new Check("destroying an ID never issued fails clearly", this::destroyingUnknownIdFails));
    if (breakBackend != null) {
      checks.add(new Check("listing failures are errors, never empty lists", this::listingFailureIsAnError));
    }
    return List.copyOf(checks);
  }

  /** Runs every check; throws one {@link AssertionError} listing every failed check (each as suppressed). */
  public void verify() {
    List<AssertionError> failures = new ArrayList<>();
    for (Check check : checks()) {
      try {
        check.run();
      } catch (AssertionError e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder message = new StringBuilder(failures.size() + " of " + checks().size() + " conformance checks failed:");
      failures.forEach(f -> message.append("\n  - ").append(f.getMessage()));
      AssertionError error = new AssertionError(message.toString());
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  // ---- checks

  private void validateAcceptsValidProperties() {
    call("validate accepts the valid properties", "validate(" + validProperties + ")", () -> {
      plugin.validate(validProperties);
      return null;
    });
  }

  private void validateRejectsInvalidProperties() {
    for (RawJson invalid : invalidProperties) {
      expectFailure("validate rejects malformed properties", "validate(" + invalid + ")", () -> plugin.validate(invalid));
    }
  }

  private void provisionReturnsUniqueIds() {
    String check = "provision returns a non-null unique ID";
    try (Run run = new Run(check)) {
      Set<InstanceId> seen = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        InstanceId id = run.provision(Map.of());
        if (!seen.add(id)) {
          throw fail(check, "provision returned " + id + " twice");
        }
      }
    }
  }

  private void newInstanceListedAtOnceWithEveryTag() {
    String check = "a new instance is listed at once with every tag";
    try (Run run = new Run(check)) {
      Map<String, String> tags = Map.of("infrakit.group", "conformance", "infrakit.config.hash", "cfg1",
          "custom.tag1", "demo");
      InstanceId id = run.provision(tags);
      // No awaitSettled here on purpose: the controller lists right away and re-provisions what it misses.
      for (boolean properties : new boolean[] {true, false}) {
        InstanceDescription d = run.find(id, run.filter(), properties)
            .orElseThrow(() -> fail(check, "instance " + id + " is not listed right after provision (describeInstances("
                + run.filter() + ", " + properties + "))"));
        Map<String, String> expected = run.tagsWith(tags);
        if (!d.hasTags(expected)) {
          throw fail(check, "instance " + id + " is listed with tags " + d.tags() + ", missing some of " + expected);
        }
      }
    }
  }

  private void tagFilterIsAnAnd() {
    String check = "the tag filter is an AND";
    try (Run run = new Run(check)) {
      InstanceId a = run.provision(Map.of("infrakit.group", "conformance-a", "conformance.shared", "yes"));
      InstanceId b = run.provision(Map.of("infrakit.group", "conformance-b", "conformance.shared", "yes"));
      Set<InstanceId> onlyA = run.ids(run.tagsWith(Map.of("infrakit.group", "conformance-a")));
      if (!onlyA.equals(Set.of(a))) {
        throw fail(check, "filtering on group conformance-a listed " + onlyA + ", expected only " + a);
      }
      Set<InstanceId> both = run.ids(run.tagsWith(Map.of("conformance.shared", "yes")));
      if (!both.equals(Set.of(a, b))) {
        throw fail(check, "filtering on a tag both carry listed " + both + ", expected " + Set.of(a, b));
      }
      Set<InstanceId> none = run.ids(run.tagsWith(Map.of("infrakit.group", "conformance-a", "conformance.shared", "no")));
      if (!none.isEmpty()) {
        throw fail(check, "filtering on group conformance-a AND conformance.shared=no listed " + none
            + ", expected nothing (the filter must match every tag)");
      }
    }
  }

  private void labelMergesTags() {
    String check = "label merges tags";
    try (Run run = new Run(check)) {
      InstanceId id = run.provision(Map.of("infrakit.group", "conformance", "infrakit.config.hash", "bootstrap",
          "custom.keep", "kept"));
      awaitSettled.accept(id);
      Map<String, String> labels = Map.of("infrakit.config.hash", "cfg2", "custom.added", "new");
      call(check, "label(" + id + ", " + labels + ")", () -> {
        plugin.label(id, labels);
        return null;
      });
      InstanceDescription d = run.find(id, Map.of(RUN_TAG, run.runId), false)
          .orElseThrow(() -> fail(check, "instance " + id + " is no longer listed after label"));
      Map<String, String> expected = run.tagsWith(Map.of("infrakit.group", "conformance", "custom.keep", "kept",
          "infrakit.config.hash", "cfg2", "custom.added", "new"));
      if (!d.hasTags(expected)) {
        throw fail(check, "after label(" + labels + ") instance " + id + " has tags " + d.tags() + ", expected at least "
            + expected + " (labels replace same-named tags and keep the others)");
      }
    }
  }

  private void destroyRemovesFromListing() {
    String check = "destroy removes the instance from the listing";
    try (Run run = new Run(check)) {
      InstanceId gone = run.provision(Map.of());
      InstanceId kept = run.provision(Map.of());
      awaitSettled.accept(gone);
      call(check, "destroy(" + gone + ", TERMINATE)", () -> {
        plugin.destroy(gone, DestroyContext.TERMINATE);
        return null;
      });
      awaitSettled.accept(gone);
      Set<InstanceId> listed = run.ids(run.filter());
      if (listed.contains(gone)) {
        throw fail(check, "instance " + gone + " is still listed after destroy: " + listed);
      }
      if (!listed.contains(kept)) {
        throw fail(check, "destroying " + gone + " also removed " + kept + " from the listing: " + listed);
      }
    }
  }

  private void destroyingUnknownIdFails() {
    InstanceId unknown = new InstanceId("conformance-never-issued-" + UUID.randomUUID());
    expectFailure("destroying an ID never issued fails clearly", "destroy(" + unknown + ", TERMINATE)",
        () -> plugin.destroy(unknown, DestroyContext.TERMINATE));
  }

  private void listingFailureIsAnError() {
    String check = "listing failures are errors, never empty lists";
    try (Run run = new Run(check)) {
      run.provision(Map.of());
      breakBackend.run();
      try {
        expectFailure(check, "describeInstances(" + run.filter() + ", true) while the backend is down",
            () -> plugin.describeInstances(run.filter(), true));
      } finally {
        repairBackend.run();
      }
    }
  }

  // ---- helpers

  /** The instances one check creates, destroyed when it ends. */
  private final class Run implements AutoCloseable {
    final String check;
    final String runId = UUID.randomUUID().toString();
    final List<InstanceId> created = new ArrayList<>();

    Run(String check) {
      this.check = check;
    }

    Map<String, String> filter() {
      return Map.of(RUN_TAG, runId);
    }

    Map<String, String> tagsWith(Map<String, String> tags) {
      Map<String, String> all = new LinkedHashMap<>(tags);
      all.put(RUN_TAG, runId);
      return all;
    }

    InstanceId provision(Map<String, String> tags) {
      InstanceSpec spec = InstanceSpec.builder().properties(validProperties).tags(tagsWith(tags)).init("echo conformance").build();
      InstanceId id = call(check, "provision(" + spec.tags() + ")", () -> plugin.provision(spec));
      if (id == null) {
        throw fail(check, "provision returned a null ID");
      }
      created.add(id);
      return id;
    }

    Optional<InstanceDescription> find(InstanceId id, Map<String, String> filter, boolean properties) {
      return list(filter, properties).stream().filter(d -> d.id().equals(id)).findFirst();
    }

    Set<InstanceId> ids(Map<String, String> filter) {
      Set<InstanceId> ids = new HashSet<>();
      list(filter, true).forEach(d -> ids.add(d.id()));
      return ids;
    }

    List<InstanceDescription> list(Map<String, String> filter, boolean properties) {
      List<InstanceDescription> list = call(check, "describeInstances(" + filter + ", " + properties + ")",
          () -> plugin.describeInstances(filter, properties));
      if (list == null) {
        throw fail(check, "describeInstances(" + filter + ", " + properties + ") returned null");
      }
      return list;
    }

    @Override
    public void close() {
      for (InstanceId id : created) {
        try {
          awaitSettled.accept(id);
          plugin.destroy(id, DestroyContext.TERMINATE);
        } catch (RuntimeException e) {
          // Best effort: the check's own verdict matters more than the cleanup's.
        }
      }
    }
  }

  private interface Call<T> {
    T call();
  }

  private static <T> T call(String check, String what, Call<T> call) {
    try {
      return call.call();
    } catch (RuntimeException e) {
      AssertionError error = fail(check, what + " failed: " + e);
      error.initCause(e);
      throw error;
    }
  }

  private static void expectFailure(String check, String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw fail(check, what + " failed without a message (" + e.getClass().getName() + "); the message is all InfraKit shows");
      }
      return;
    }
    throw fail(check, what + " succeeded, expected an error");
  }

  private static AssertionError fail(String check, String message) {
    return new AssertionError(check + ": " + message);
  }

  /** Configures the kit; {@code plugin} (or {@code socket}) and {@code validProperties} are required. */
  public static final class Builder {
    private InstancePlugin plugin;
    private RawJson validProperties;
    private final List<RawJson> invalidProperties = new ArrayList<>();
    private Consumer<InstanceId> awaitSettled = id -> {};
    private Runnable breakBackend;
    private Runnable repairBackend;

    private Builder() {}

    /** The plugin under test, in process. */
    public Builder plugin(InstancePlugin plugin) {
      this.plugin = Objects.requireNonNull(plugin, "plugin == null");
      return this;
    }

    /** The plugin under test, over its Unix socket (any language), through an {@link InstancePluginClient}. */
    public Builder socket(Path socket) {
      return plugin(InstancePluginClient.connect(socket));
    }

    /** Properties the plugin can provision from. */
    public Builder validProperties(RawJson properties) {
      this.validProperties = Objects.requireNonNull(properties, "properties == null");
      return this;
    }

    /** Properties {@code validate} must reject, each on its own. */
    public Builder invalidProperties(RawJson... properties) {
      for (RawJson p : properties) {
        invalidProperties.add(Objects.requireNonNull(p, "properties == null"));
      }
      return this;
    }

    /**
     * Called with an instance ID before the kit labels or destroys it, and after destroying it before
     * checking the listing: lets an asynchronous backend finish its work (never called between provision
     * and the first listing, which must show the instance at once). No-op by default.
     */
    public Builder awaitSettled(Consumer<InstanceId> awaitSettled) {
      this.awaitSettled = Objects.requireNonNull(awaitSettled, "awaitSettled == null");
      return this;
    }

    /** Makes the backend unlistable, and heals it again; enables the listing-failure check. */
    public Builder backendFailure(Runnable breakBackend, Runnable repairBackend) {
      this.breakBackend = Objects.requireNonNull(breakBackend, "breakBackend == null");
      this.repairBackend = Objects.requireNonNull(repairBackend, "repairBackend == null");
      return this;
    }

    public InstancePluginConformance build() {
      if (plugin == null) {
        throw new IllegalStateException("plugin or socket required");
      }
      if (validProperties == null) {
        throw new IllegalStateException("validProperties required");
      }
      return new InstancePluginConformance(this);
    }
  }
}
