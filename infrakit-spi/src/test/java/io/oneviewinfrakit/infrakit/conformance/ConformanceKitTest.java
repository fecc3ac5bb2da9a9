package io.oneviewinfrakit.infrakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oneviewinfrakit.infrakit.rpc.PluginServer;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The kit passes the reference plugin, in process and over a socket, and fails plugins that break the contract. */
class ConformanceKitTest {
  private static final RawJson VALID = RawJson.of("{\"TemplateName\":\"web\"}");

  private static InstancePluginConformance.Builder kitFor(InstancePlugin plugin) {
    return InstancePluginConformance.builder().plugin(plugin).validProperties(VALID)
        .invalidProperties(RawJson.of("[]"), RawJson.of("\"web\""), RawJson.NULL);
  }

  @TestFactory
  Stream<DynamicTest> referencePluginPassesEveryCheck() {
    InMemoryInstancePlugin plugin = new InMemoryInstancePlugin();
    InstancePluginConformance kit = kitFor(plugin)
        .backendFailure(() -> plugin.failListing("backend unreachable"), () -> plugin.failListing(null)).build();
    assertThat(kit.checks()).hasSize(9);
    return kit.checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run));
  }

  @Test
  void referencePluginPassesOverItsSocketAndTheKitCleansUpAfterItself() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "ik");
    InMemoryInstancePlugin plugin = new InMemoryInstancePlugin();
    try (PluginServer server = PluginServer.builder().name("instance-mem").pluginsDirectory(dir)
        .instancePlugin(plugin).shutdownHook(false).build().start()) {
      InstancePluginConformance.builder().socket(server.socketPath()).validProperties(VALID)
          .invalidProperties(RawJson.of("[]"))
          .backendFailure(() -> plugin.failListing("backend unreachable"), () -> plugin.failListing(null))
          .build().verify();
    } finally {
      Files.deleteIfExists(dir);
    }
    assertThat(plugin.size()).isZero();
  }

  @Test
  void awaitSettledIsCalledButNeverBeforeTheFirstListing() {
    InMemoryInstancePlugin plugin = new InMemoryInstancePlugin();
    Set<InstanceId> settled = ConcurrentHashMap.newKeySet();
    kitFor(plugin).awaitSettled(settled::add).build().verify();
    assertThat(settled).isNotEmpty();
  }

  static Stream<Arguments> brokenPlugins() {
    return Stream.of(
        broken("provision returns the same ID twice", "provision returns a non-null unique ID",
            p -> new Delegating(p) {
              @Override
              public InstanceId provision(InstanceSpec spec) {
                super.provision(spec);
                return InstanceId.of("always-the-same");
              }
            }),
        broken("instances appear only later", "a new instance is listed at once with every tag",
            p -> new Delegating(p) {
              private final Set<InstanceId> fresh = ConcurrentHashMap.newKeySet();

              @Override
              public InstanceId provision(InstanceSpec spec) {
                InstanceId id = super.provision(spec);
                fresh.add(id);
                return id;
              }

              @Override
              public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
                List<InstanceDescription> all = new ArrayList<>(super.describeInstances(tags, properties));
                all.removeIf(d -> fresh.remove(d.id()));
                return all;
              }
            }),
        broken("only group and hash tags kept", "a new instance is listed at once with every tag",
            p -> new Delegating(p) {
              @Override
              public InstanceId provision(InstanceSpec spec) {
                Map<String, String> kept = new HashMap<>(spec.tags());
                kept.remove("custom.tag1");
                return super.provision(withTags(spec, kept));
              }
            }),
        broken("tag filter is an OR", "the tag filter is an AND",
            p -> new Delegating(p) {
              @Override
              public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
                List<InstanceDescription> out = new ArrayList<>();
                for (InstanceDescription d : super.describeInstances(Map.of(), properties)) {
                  if (tags.isEmpty() || tags.entrySet().stream().anyMatch(e -> e.getValue().equals(d.tags().get(e.getKey())))) {
                    out.add(d);
                  }
                }
                return out;
              }
            }),
        broken("label replaces all tags", "label merges tags",
            p -> new Delegating(p) {
              @Override
              public void label(InstanceId id, Map<String, String> labels) {
                p.replaceTags(id, labels); // drops the tags not relabelled (the kit's run tag survives, to be found)
              }
            }),
        broken("destroy is a no-op", "destroy removes the instance from the listing",
            p -> new Delegating(p) {
              @Override
              public void destroy(InstanceId id, DestroyContext context) {}
            }),
        broken("destroy of unknown IDs succeeds", "destroying an ID never issued fails clearly",
            p -> new Delegating(p) {
              @Override
              public void destroy(InstanceId id, DestroyContext context) {
                try {
                  super.destroy(id, context);
                } catch (RuntimeException e) {
                  // swallowed: the bug under test
                }
              }
            }),
        broken("validate accepts anything", "validate rejects malformed properties",
            p -> new Delegating(p) {
              @Override
              public void validate(RawJson properties) {}
            }),
        broken("listing failure returns an empty list", "listing failures are errors, never empty lists",
            p -> new Delegating(p) {
              @Override
              public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
                try {
                  return super.describeInstances(tags, properties);
                } catch (RuntimeException e) {
                  return List.of();
                }
              }
            }));
  }

  private static InstanceSpec withTags(InstanceSpec spec, Map<String, String> tags) {
    return new InstanceSpec(spec.properties(), tags, spec.init(), spec.logicalId(), spec.attachments());
  }

  private static Arguments broken(String bug, String failingCheck, Function<ReferenceWithBackdoor, InstancePlugin> wrap) {
    return Arguments.of(bug, failingCheck, wrap);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPlugins")
  void kitFailsAPluginThatBreaksTheContract(String bug, String failingCheck,
      Function<ReferenceWithBackdoor, InstancePlugin> wrap) {
    ReferenceWithBackdoor reference = new ReferenceWithBackdoor();
    InstancePlugin plugin = wrap.apply(reference);
    InstancePluginConformance kit = kitFor(plugin)
        .backendFailure(() -> reference.failListing("backend unreachable"), () -> reference.failListing(null)).build();

    assertThatThrownBy(kit::verify).isInstanceOf(AssertionError.class)
        .hasMessageContaining("conformance checks failed")
        .hasMessageContaining("- " + failingCheck + ": ");
  }

  /** The reference plugin plus a way to overwrite tags, to build the "label replaces" bug. */
  static final class ReferenceWithBackdoor extends Delegating {
    private final InMemoryInstancePlugin memory;
    private final Map<InstanceId, Map<String, String>> overrides = new ConcurrentHashMap<>();

    ReferenceWithBackdoor() {
      this(new InMemoryInstancePlugin());
    }

    private ReferenceWithBackdoor(InMemoryInstancePlugin memory) {
      super(memory);
      this.memory = memory;
    }

    void failListing(String reason) {
      memory.failListing(reason);
    }

    void replaceTags(InstanceId id, Map<String, String> labels) {
      Map<String, String> tags = new HashMap<>(labels);
      memory.describeInstances(Map.of(), false).stream().filter(d -> d.id().equals(id)).findFirst()
          .ifPresent(d -> tags.put(InstancePluginConformance.RUN_TAG, d.tags().get(InstancePluginConformance.RUN_TAG)));
      overrides.put(id, tags);
    }

    @Override
    public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
      List<InstanceDescription> out = new ArrayList<>();
      for (InstanceDescription d : memory.describeInstances(Map.of(), properties)) {
        InstanceDescription effective = overrides.containsKey(d.id())
            ? new InstanceDescription(d.id(), d.logicalId(), overrides.get(d.id()), d.properties()) : d;
        if (effective.hasTags(tags)) {
          out.add(effective);
        }
      }
      return out;
    }
  }

  /** Forwards every call; broken plugins override one method. */
  static class Delegating implements InstancePlugin {
    private final InstancePlugin delegate;

    Delegating(InstancePlugin delegate) {
      this.delegate = delegate;
    }

    @Override
    public void validate(RawJson properties) {
      delegate.validate(properties);
    }

    @Override
    public InstanceId provision(InstanceSpec spec) {
      return delegate.provision(spec);
    }

    @Override
    public void label(InstanceId id, Map<String, String> labels) {
      delegate.label(id, labels);
    }

    @Override
    public void destroy(InstanceId id, DestroyContext context) {
      delegate.destroy(id, context);
    }

    @Override
    public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
      return delegate.describeInstances(tags, properties);
    }
  }
}
