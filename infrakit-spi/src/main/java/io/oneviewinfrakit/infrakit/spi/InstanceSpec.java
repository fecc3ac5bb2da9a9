package io.oneviewinfrakit.infrakit.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the group controller asks a plugin to create ({@code instance.Spec}).
 *
 * <p>The plugin must remember every tag and report it from
 * {@link InstancePlugin#describeInstances(Map, boolean)}: the controller finds its members and their
 * configuration hash through them.
 *
 * <p>For example:
 * <pre>{@code
 * InstanceSpec spec = InstanceSpec.builder()
 *     .properties(RawJson.of("{\"TemplateName\":\"web\"}"))
 *     .tag("infrakit.group", "workers")
 *     .init("echo hello")
 *     .build();
 * }</pre>
 *
 * @param properties the plugin-specific configuration, verbatim ({@link RawJson#NULL} when absent)
 * @param tags the tags to attach, unmodifiable
 * @param init the boot script the flavor produced; empty when none
 * @param logicalId the logical ID of a pet instance, or {@code null}
 * @param attachments what to attach, unmodifiable; empty when none
 */
public record InstanceSpec(
    RawJson properties,
    Map<String, String> tags,
    String init,
    LogicalId logicalId,
    List<Attachment> attachments) {

  public InstanceSpec {
    Objects.requireNonNull(properties, "properties == null");
    tags = Map.copyOf(Objects.requireNonNull(tags, "tags == null"));
    Objects.requireNonNull(init, "init == null");
    attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments == null"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset with this spec's values. */
  public Builder toBuilder() {
    return new Builder()
        .properties(properties)
        .tags(tags)
        .init(init)
        .logicalId(logicalId)
        .attachments(attachments);
  }

  /** Builds an {@link InstanceSpec}; defaults: null properties, no tags, empty init, no logical ID, no attachments. */
  public static final class Builder {
    private RawJson properties = RawJson.NULL;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String init = "";
    private LogicalId logicalId;
    private final List<Attachment> attachments = new ArrayList<>();

    private Builder() {}

    public Builder properties(RawJson properties) {
      this.properties = Objects.requireNonNull(properties, "properties == null");
      return this;
    }

    /** Shorthand for {@code properties(RawJson.of(json))}. */
    public Builder properties(String json) {
      return properties(RawJson.of(json));
    }

    public Builder tag(String key, String value) {
      tags.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** Adds every tag of {@code tags}, replacing same-named ones. */
    public Builder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    public Builder init(String init) {
      this.init = Objects.requireNonNull(init, "init == null");
      return this;
    }

    /** The logical ID, or {@code null} for none. */
    public Builder logicalId(LogicalId logicalId) {
      this.logicalId = logicalId;
      return this;
    }

    public Builder attachment(Attachment attachment) {
      attachments.add(Objects.requireNonNull(attachment, "attachment == null"));
      return this;
    }

    /** Replaces the attachments. */
    public Builder attachments(List<Attachment> attachments) {
      this.attachments.clear();
      attachments.forEach(this::attachment);
      return this;
    }

    public InstanceSpec build() {
      return new InstanceSpec(properties, tags, init, logicalId, attachments);
    }
  }
}
