package io.oneviewinfrakit.infrakit.conformance;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InputExample;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import io.oneviewinfrakit.infrakit.spi.Vendor;
import io.oneviewinfrakit.infrakit.spi.VendorInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An instance plugin whose instances live in memory: the reference implementation of the SPI contract,
 * for examples, tests and as a stand-in backend. IDs are {@code prefix + n} with n counting from 1.
 *
 * <p>Properties must be a JSON object. Destroying an ID it never issued fails; destroying one it issued
 * twice succeeds. {@link #failListing(String)} makes listing fail, as a broken backend would.
 *
 * <p>Thread-safe.
 *
 * <p>For example:
 * <pre>{@code
 * InMemoryInstancePlugin plugin = new InMemoryInstancePlugin("fake-");
 * InstanceId id = plugin.provision(InstanceSpec.builder().properties("{}").tag("infrakit.group", "g").build());
 * // id.value() is "fake-1"
 * }</pre>
 */
public final class InMemoryInstancePlugin implements InstancePlugin, Vendor, InputExample {
  private record Instance(InstanceSpec spec, Map<String, String> tags) {}

  private final String idPrefix;
  private final AtomicLong counter = new AtomicLong();
  private final Map<InstanceId, Instance> instances = new ConcurrentHashMap<>();
  private final Set<InstanceId> issued = ConcurrentHashMap.newKeySet();
  private volatile String listingFailure;

  /** A plugin issuing IDs {@code instance-1}, {@code instance-2}... */
  public InMemoryInstancePlugin() {
    this("instance-");
  }

  /** A plugin issuing IDs {@code idPrefix + n}. */
  public InMemoryInstancePlugin(String idPrefix) {
    this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix == null");
  }

  @Override
  public void validate(RawJson properties) {
    if (!properties.isObject()) {
      throw new IllegalArgumentException("Properties must be a JSON object, not " + properties.json());
    }
  }

  @Override
  public InstanceId provision(InstanceSpec spec) {
    validate(spec.properties());
    InstanceId id = new InstanceId(idPrefix + counter.incrementAndGet());
    issued.add(id);
    instances.put(id, new Instance(spec, spec.tags()));
    return id;
  }

  @Override
  public void label(InstanceId id, Map<String, String> labels) {
    Instance updated = instances.computeIfPresent(id, (k, old) -> {
      Map<String, String> tags = new HashMap<>(old.tags());
      tags.putAll(labels);
      return new Instance(old.spec(), Map.copyOf(tags));
    });
    if (updated == null) {
      throw new PluginException("no instance " + id + " to label");
    }
  }

  @Override
  public void destroy(InstanceId id, DestroyContext context) {
    if (!issued.contains(id)) {
      throw new PluginException("no instance " + id + ": this plugin never created it");
    }
    instances.remove(id);
  }

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    String failure = listingFailure;
    if (failure != null) {
      throw new PluginException(failure);
    }
    List<InstanceDescription> list = new ArrayList<>();
    instances.forEach((id, instance) -> {
      InstanceDescription d = new InstanceDescription(id, instance.spec().logicalId(), instance.tags(),
          properties ? instance.spec().properties() : null);
      if (d.hasTags(tags)) {
        list.add(d);
      }
    });
    list.sort(Comparator.comparing(InstanceDescription::id));
    return list;
  }

  /**
   * Makes {@link #describeInstances} fail with {@code reason} from now on, as when the backend cannot be
   * reached; {@code null} heals it.
   */
  public void failListing(String reason) {
    this.listingFailure = reason;
  }

  /** How many instances exist now. */
  public int size() {
    return instances.size();
  }

  @Override
  public VendorInfo vendorInfo() {
    return new VendorInfo("infrakit-instance-memory", "1.0.0", "");
  }

  @Override
  public RawJson exampleProperties() {
    return RawJson.of("{\"Note\":\"any JSON object\"}");
  }
}
