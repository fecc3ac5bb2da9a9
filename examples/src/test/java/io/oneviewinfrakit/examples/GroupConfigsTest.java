package io.oneviewinfrakit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.oneviewinfrakit.infrakit.rpc.InstancePluginClient;
import io.oneviewinfrakit.infrakit.spi.PluginException;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The example group configs parse, agree with each other, and their instance properties pass Validate. */
class GroupConfigsTest {

  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private static EmbeddedPlugin plugin;
  private static InstancePluginClient client;

  @BeforeAll
  static void start() {
    plugin = EmbeddedPlugin.start(4, Duration.ZERO, Duration.ofMillis(200));
    client = InstancePluginClient.connect(plugin.socketPath());
  }

  @AfterAll
  static void stop() {
    client.close();
    plugin.close();
  }

  /** workers.json: the legacy schema of {@code infrakit group commit} (InfraKit v0.5). */
  private static Map<String, Object> legacy() throws IOException {
    Map<String, Object> group = JSON.fromJson(Files.readString(Path.of("groups/workers.json")));
    assertThat(group).containsOnlyKeys("ID", "Properties");
    assertThat(group.get("ID")).isEqualTo("workers");
    return map(group.get("Properties"));
  }

  /** workers.yml: the v1 schema of {@code infrakit group controller commit} (InfraKit HEAD). */
  private static Map<String, Object> v1() throws IOException {
    Map<String, Object> group = new Yaml().load(Files.readString(Path.of("groups/workers.yml")));
    assertThat(group).containsOnlyKeys("kind", "metadata", "properties");
    assertThat(group.get("kind")).isEqualTo("group");
    assertThat(map(group.get("metadata"))).containsEntry("name", "workers");
    return map(group.get("properties"));
  }

  @Test
  void bothConfigsDescribeTheSameGroup() throws IOException {
    Map<String, Object> legacy = legacy();
    Map<String, Object> v1 = v1();
    for (Map<String, Object> properties : java.util.List.of(legacy, v1)) {
      assertThat(properties).containsOnlyKeys("Allocation", "Instance", "Flavor");
      assertThat(((Number) map(properties.get("Allocation")).get("Size")).intValue()).isEqualTo(2);
      assertThat(map(properties.get("Instance"))).containsEntry("Plugin", "instance-oneview");
      assertThat(map(map(properties.get("Instance")).get("Properties")))
          .containsEntry("TemplateName", "Docker-Gen8-Template");
    }
    assertThat(map(legacy.get("Instance"))).isEqualTo(map(v1.get("Instance")));
    assertThat(map(map(legacy.get("Flavor")).get("Properties"))).isEqualTo(map(map(v1.get("Flavor")).get("Properties")));
    // The vanilla flavor's socket is flavor-vanilla in v0.5 and vanilla from Nov 2017 on.
    assertThat(map(legacy.get("Flavor"))).containsEntry("Plugin", "flavor-vanilla");
    assertThat(map(v1.get("Flavor"))).containsEntry("Plugin", "vanilla");
  }

  @Test
  void theInstancePropertiesOfBothPassThePluginsValidate() throws IOException {
    for (Map<String, Object> properties : java.util.List.of(legacy(), v1())) {
      RawJson instanceProperties = RawJson.of(JSON.toJson(map(map(properties.get("Instance")).get("Properties"))));
      client.validate(instanceProperties); // what the group controller calls on commit
    }
  }

  @Test
  void aTemplateNameTheApplianceLacksWouldBeRefusedOnCommit() throws IOException {
    Map<String, Object> instanceProperties = new LinkedHashMap<>(map(map(v1().get("Instance")).get("Properties")));
    instanceProperties.put("TemplateName", "docker-gen8-template"); // names are case-sensitive
    assertThatThrownBy(() -> client.validate(RawJson.of(JSON.toJson(instanceProperties))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("unknown template \"docker-gen8-template\"; available templates: "
            + "Docker-Gen8-Template, Rack-DL360-Template");
  }

  /** workers-lab.yml and workers-prod.yml: one group per appliance of a plugin serving several. */
  @Test
  void eachPerApplianceGroupAddressesItsAppliancesTypedPluginAndPassesValidate() throws IOException {
    Map<String, String> plugins = new LinkedHashMap<>();
    for (String appliance : java.util.List.of("lab", "prod")) {
      Map<String, Object> group = new Yaml().load(Files.readString(Path.of("groups/workers-" + appliance + ".yml")));
      assertThat(group).containsOnlyKeys("kind", "metadata", "properties");
      assertThat(group.get("kind")).isEqualTo("group");
      assertThat(map(group.get("metadata"))).containsEntry("name", "workers-" + appliance);
      Map<String, Object> properties = map(group.get("properties"));
      assertThat(properties).containsOnlyKeys("Allocation", "Instance", "Flavor");
      assertThat(map(properties.get("Flavor"))).containsEntry("Plugin", "vanilla");
      Map<String, Object> instance = map(properties.get("Instance"));
      plugins.put(appliance, (String) instance.get("Plugin"));
      client.validate(RawJson.of(JSON.toJson(map(instance.get("Properties")))));
    }
    assertThat(plugins).containsEntry("lab", "instance-oneview/lab").containsEntry("prod", "instance-oneview/prod");
    // The sample configuration names exactly these appliances (plugin-oneview's ConfigFileTest reads it).
    Map<String, Object> config = new Yaml().load(Files.readString(Path.of("config/oneview.yml")));
    assertThat(((java.util.List<?>) config.get("appliances")).stream().map(a -> map(a).get("name")))
        .containsExactly("lab", "prod");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
