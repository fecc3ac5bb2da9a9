package io.oneviewinfrakit.infrakit.rpc;

import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstancePlugin;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/** A plugin made of one function per method (InfraKit's testing/instance.Plugin); records every argument. */
final class FakeInstancePlugin implements InstancePlugin {
  Consumer<RawJson> doValidate = p -> {};
  Function<InstanceSpec, InstanceId> doProvision = s -> InstanceId.of("i-1");
  BiConsumer<InstanceId, Map<String, String>> doLabel = (id, l) -> {};
  BiConsumer<InstanceId, DestroyContext> doDestroy = (id, c) -> {};
  BiFunction<Map<String, String>, Boolean, List<InstanceDescription>> doDescribe = (t, p) -> List.of();

  /** Every call's arguments, in order, as {@code List.of(method, args...)}. */
  final BlockingQueue<List<Object>> calls = new LinkedBlockingQueue<>();

  @Override
  public void validate(RawJson properties) {
    calls.add(List.of("validate", properties));
    doValidate.accept(properties);
  }

  @Override
  public InstanceId provision(InstanceSpec spec) {
    calls.add(List.of("provision", spec));
    return doProvision.apply(spec);
  }

  @Override
  public void label(InstanceId id, Map<String, String> labels) {
    calls.add(List.of("label", id, labels));
    doLabel.accept(id, labels);
  }

  @Override
  public void destroy(InstanceId id, DestroyContext context) {
    calls.add(List.of("destroy", id, context));
    doDestroy.accept(id, context);
  }

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    calls.add(List.of("describe", tags, properties));
    return doDescribe.apply(tags, properties);
  }
}
