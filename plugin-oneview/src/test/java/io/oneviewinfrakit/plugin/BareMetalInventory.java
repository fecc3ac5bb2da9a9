package io.oneviewinfrakit.plugin;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.simulator.Inventory;
import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * The simulator's standard inventory with what the bare-metal tests need on top: two big-memory blades,
 * a template that manages neither boot mode nor order, and one with an OS deployment plan.
 */
final class BareMetalInventory {

  static final String BIG_BLADE_1 = "Encl1, bay 3";
  static final String BIG_BLADE_2 = "Encl1, bay 4";
  static final long BIG_MEMORY_MB = 262_144;
  static final String FIXED_BOOT_TEMPLATE = "Fixed-Boot-Template";
  static final String OS_DEPLOY_TEMPLATE = "OS-Deploy-Template";
  static final String OS_PLAN_URI = "/rest/os-deployment-plans/esxi-7";

  private BareMetalInventory() {}

  /** A simulator with {@code servers} servers of this inventory, tasks taking {@code taskDuration}. */
  static OneViewSimulator simulator(int servers, Duration taskDuration) {
    return OneViewSimulator.builder().inventory(inventory(servers)).taskDurations(taskDuration)
        .build().start();
  }

  @SuppressWarnings("unchecked")
  static Inventory inventory(int servers) {
    Map<String, Object> root = (Map<String, Object>) read(Inventory.standard(servers).toJson());
    for (Object o : (List<Object>) root.get("serverHardware")) {
      Map<String, Object> hw = (Map<String, Object>) o;
      if (BIG_BLADE_1.equals(hw.get("name")) || BIG_BLADE_2.equals(hw.get("name"))) {
        hw.put("memoryMb", BIG_MEMORY_MB);
      }
    }
    List<Object> templates = (List<Object>) root.get("serverProfileTemplates");
    Map<String, Object> docker = (Map<String, Object>) templates.stream()
        .filter(t -> PluginHarness.BLADE_TEMPLATE.equals(((Map<String, Object>) t).get("name")))
        .findFirst().orElseThrow();
    Map<String, Object> fixed = copyWithoutIdentity(docker, FIXED_BOOT_TEMPLATE);
    fixed.put("boot", new LinkedHashMap<>(Map.of("manageBoot", false, "order", List.of())));
    fixed.put("bootMode", new LinkedHashMap<>(Map.of("manageMode", false, "mode", "UEFI")));
    templates.add(fixed);
    Map<String, Object> os = copyWithoutIdentity(docker, OS_DEPLOY_TEMPLATE);
    Map<String, Object> attribute = new LinkedHashMap<>(Map.of("name", "hostname", "value", "node"));
    os.put("osDeploymentSettings", new LinkedHashMap<>(Map.of("osDeploymentPlanUri", OS_PLAN_URI,
        "osCustomAttributes", new ArrayList<>(List.of(attribute)))));
    templates.add(os);
    return Inventory.fromJson(write(root));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copyWithoutIdentity(Map<String, Object> template, String name) {
    Map<String, Object> copy = (Map<String, Object>) read(write(template));
    for (String field : List.of("uri", "eTag", "created", "modified")) {
      copy.remove(field);
    }
    copy.put("name", name);
    return copy;
  }

  /** Moshi reads numbers as doubles; write integral ones back as integers ("bay": 3, not 3.0). */
  @SuppressWarnings("unchecked")
  private static Object integral(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return d.longValue();
    }
    if (value instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).replaceAll((k, v) -> integral(v));
    } else if (value instanceof List<?> l) {
      ((List<Object>) l).replaceAll(BareMetalInventory::integral);
    }
    return value;
  }

  private static Object read(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      return integral(reader.readJsonValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object tree) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.jsonValue(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
