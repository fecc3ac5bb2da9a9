package io.oneviewinfrakit.plugin;

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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One appliance's plugin as served among several: every error it answers starts with the appliance's
 * name and URL, so a group controller's log (which shows only the message) tells which appliance failed.
 */
final class NamedAppliancePlugin implements InstancePlugin, Vendor, InputExample {
  private final String label;
  private final OneViewInstancePlugin plugin;

  NamedAppliancePlugin(String label, OneViewInstancePlugin plugin) {
    this.label = label;
    this.plugin = plugin;
  }

  @Override
  public void validate(RawJson properties) {
    call(() -> {
      plugin.validate(properties);
      return null;
    });
  }

  @Override
  public InstanceId provision(InstanceSpec spec) {
    return call(() -> plugin.provision(spec));
  }

  @Override
  public void label(InstanceId id, Map<String, String> labels) {
    call(() -> {
      plugin.label(id, labels);
      return null;
    });
  }

  @Override
  public void destroy(InstanceId id, DestroyContext context) {
    call(() -> {
      plugin.destroy(id, context);
      return null;
    });
  }

  @Override
  public List<InstanceDescription> describeInstances(Map<String, String> tags, boolean properties) {
    return call(() -> plugin.describeInstances(tags, properties));
  }

  @Override
  public VendorInfo vendorInfo() {
    return plugin.vendorInfo();
  }

  @Override
  public RawJson exampleProperties() {
    return plugin.exampleProperties();
  }

  private <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null || e.getMessage().isBlank()
          ? e.getClass().getSimpleName() : e.getMessage();
      throw new PluginException(label + ": " + message, e);
    }
  }
}
