package io.oneviewinfrakit.infrakit.rpc;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.spi.Attachment;
import io.oneviewinfrakit.infrakit.spi.DestroyContext;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.infrakit.spi.InstanceSpec;
import io.oneviewinfrakit.infrakit.spi.LogicalId;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Instance/0.6.x wire format ({@code pkg/rpc/instance/types.go}): one request record per method, with
 * readers for the server and writers for the client, and the result shapes in both directions.
 */
final class InstanceCodec {
  private InstanceCodec() {}

  static final String VALIDATE = "Instance.Validate";
  static final String PROVISION = "Instance.Provision";
  static final String LABEL = "Instance.Label";
  static final String DESTROY = "Instance.Destroy";
  static final String DESCRIBE = "Instance.DescribeInstances";

  record ValidateRequest(String type, RawJson properties) {}

  record ProvisionRequest(String type, InstanceSpec spec) {}

  record LabelRequest(String type, InstanceId instance, Map<String, String> labels) {}

  record DestroyRequest(String type, InstanceId instance, DestroyContext context) {}

  record DescribeRequest(String type, Map<String, String> tags, boolean properties) {}

  /** Receives each field of an object; returns false to have the value skipped. */
  @FunctionalInterface
  interface Fields {
    boolean field(String lowerName, JsonReader reader) throws IOException, RpcError;
  }

  /** Reads one field's value. */
  @FunctionalInterface
  interface Value {
    void read(JsonReader reader) throws IOException, RpcError;
  }

  /** A value set from inside a reader lambda, which cannot assign the caller's locals. */
  private static final class Slot<T> {
    T value;

    Slot(T initial) {
      value = initial;
    }
  }

  /** Reads the fields named (lower case) in {@code values} with their readers and skips the others. */
  private static Fields named(Map<String, Value> values) {
    return (name, r) -> {
      Value value = values.get(name);
      if (value == null) {
        return false;
      }
      value.read(r);
      return true;
    };
  }

  /**
   * Walks the params object, or the single object of a one-element array (the gorilla server accepts
   * both); absent or null params read as an empty object so missing fields are reported by name.
   */
  static void readParams(String params, Fields fields) throws IOException, RpcError {
    if (params == null) {
      return;
    }
    JsonReader reader = Json.reader(params);
    JsonReader.Token t = reader.peek();
    boolean array = t == JsonReader.Token.BEGIN_ARRAY;
    if (array) {
      reader.beginArray();
      if (!reader.hasNext()) {
        throw RpcError.invalidParams("params is an empty array; it must be an object, or an array of exactly one object");
      }
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT && reader.peek() != JsonReader.Token.NULL) {
        // Name the array: "params must be an object, not a number" for [1] would point at the wrong value.
        throw RpcError.invalidParams("params is an array holding " + Json.describe(reader.peek())
            + "; it must be an object, or an array of exactly one object");
      }
    }
    readObject(reader, "params", fields);
    if (array) {
      if (reader.hasNext()) {
        throw RpcError.invalidParams("params is an array of several values; it must be an object, or an array of exactly one object");
      }
      reader.endArray();
    }
  }

  /**
   * Reads a request's params: its {@code Type} ("" when absent, as every method has one) and the
   * other fields named in {@code values}. Returns the Type.
   */
  private static String readRequest(String params, Map<String, Value> values) throws IOException, RpcError {
    Slot<String> type = new Slot<>("");
    Fields others = named(values);
    readParams(params, (name, r) -> {
      if (name.equals("type")) {
        type.value = type(r);
        return true;
      }
      return others.field(name, r);
    });
    return type.value;
  }

  private static void readObject(JsonReader reader, String what, Fields fields) throws IOException, RpcError {
    if (!Json.beginObject(reader, what)) {
      return;
    }
    while (reader.hasNext()) {
      String name = reader.nextName().toLowerCase(Locale.ROOT);
      if (!fields.field(name, reader)) {
        reader.skipValue();
      }
    }
    reader.endObject();
  }

  private static String type(JsonReader reader) throws IOException, RpcError {
    String type = Json.stringOrNull(reader, "Type");
    return type == null ? "" : type;
  }

  /** A string field where absent and null both mean "". */
  private static String stringOrEmpty(JsonReader reader, String what) throws IOException, RpcError {
    String value = Json.stringOrNull(reader, what);
    return value == null ? "" : value;
  }

  private static InstanceId instance(String value) throws RpcError {
    if (value == null || value.isBlank()) {
      throw RpcError.invalidParams("missing Instance");
    }
    return new InstanceId(value);
  }

  // ---- server side: params -> records

  static String typeOf(String params) throws IOException, RpcError {
    return readRequest(params, Map.of());
  }

  static ValidateRequest readValidate(String params) throws IOException, RpcError {
    Slot<RawJson> properties = new Slot<>(RawJson.NULL);
    String type = readRequest(params, Map.of("properties", r -> properties.value = Json.rawJson(r)));
    return new ValidateRequest(type, properties.value);
  }

  static ProvisionRequest readProvision(String params) throws IOException, RpcError {
    Slot<InstanceSpec> spec = new Slot<>(null);
    String type = readRequest(params, Map.of("spec", r -> spec.value = readSpec(r)));
    if (spec.value == null) {
      throw RpcError.invalidParams("missing Spec");
    }
    return new ProvisionRequest(type, spec.value);
  }

  private static InstanceSpec readSpec(JsonReader reader) throws IOException, RpcError {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw RpcError.invalidParams("Spec must be an object, not " + Json.describe(reader.peek()));
    }
    InstanceSpec.Builder spec = InstanceSpec.builder();
    readObject(reader, "Spec", named(Map.of(
        "properties", r -> spec.properties(Json.rawJson(r)),
        "tags", r -> spec.tags(Json.stringMap(r, "Spec.Tags")),
        "init", r -> spec.init(stringOrEmpty(r, "Spec.Init")),
        "logicalid", r -> {
          String logical = Json.stringOrNull(r, "Spec.LogicalID");
          spec.logicalId(logical == null || logical.isEmpty() ? null : new LogicalId(logical));
        },
        "attachments", r -> spec.attachments(readAttachments(r)))));
    return spec.build();
  }

  private static List<Attachment> readAttachments(JsonReader reader) throws IOException, RpcError {
    List<Attachment> list = new ArrayList<>();
    JsonReader.Token t = reader.peek();
    if (t == JsonReader.Token.NULL) {
      reader.nextNull();
      return list;
    }
    if (t != JsonReader.Token.BEGIN_ARRAY) {
      throw RpcError.invalidParams("Spec.Attachments must be an array, not " + Json.describe(t));
    }
    reader.beginArray();
    while (reader.hasNext()) {
      Slot<String> id = new Slot<>("");
      Slot<String> type = new Slot<>("");
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw RpcError.invalidParams("Spec.Attachments must hold objects, not " + Json.describe(reader.peek()));
      }
      readObject(reader, "Spec.Attachments[]", named(Map.of(
          "id", r -> id.value = stringOrEmpty(r, "Spec.Attachments[].ID"),
          "type", r -> type.value = stringOrEmpty(r, "Spec.Attachments[].Type"))));
      list.add(new Attachment(id.value, type.value));
    }
    reader.endArray();
    return list;
  }

  static LabelRequest readLabel(String params) throws IOException, RpcError {
    Slot<String> instance = new Slot<>(null);
    Slot<Map<String, String>> labels = new Slot<>(Map.of());
    String type = readRequest(params, Map.of(
        "instance", r -> instance.value = Json.stringOrNull(r, "Instance"),
        "labels", r -> labels.value = Json.stringMap(r, "Labels")));
    return new LabelRequest(type, instance(instance.value), labels.value);
  }

  static DestroyRequest readDestroy(String params) throws IOException, RpcError {
    Slot<String> instance = new Slot<>(null);
    Slot<DestroyContext> context = new Slot<>(DestroyContext.NONE);
    String type = readRequest(params, Map.of(
        "instance", r -> instance.value = Json.stringOrNull(r, "Instance"),
        "context", r -> context.value = readContext(r)));
    return new DestroyRequest(type, instance(instance.value), context.value);
  }

  private static DestroyContext readContext(JsonReader reader) throws IOException, RpcError {
    Slot<String> reason = new Slot<>("");
    readObject(reader, "Context", named(Map.of("reason", r -> reason.value = stringOrEmpty(r, "Context.Reason"))));
    return DestroyContext.ofReason(reason.value)
        .orElseThrow(() -> RpcError.invalidParams(
            "Context.Reason must be \"terminate\" or \"rolling_update\", not \"" + reason.value + "\""));
  }

  static DescribeRequest readDescribe(String params) throws IOException, RpcError {
    Slot<Map<String, String>> tags = new Slot<>(Map.of());
    Slot<Boolean> properties = new Slot<>(false);
    String type = readRequest(params, Map.of(
        "tags", r -> tags.value = Json.stringMap(r, "Tags"),
        "properties", r -> properties.value = Json.bool(r, "Properties")));
    return new DescribeRequest(type, tags.value, properties.value);
  }

  // ---- server side: results

  static Json.Body okResult(String type) {
    return w -> w.beginObject().name("Type").value(type).name("OK").value(true).endObject();
  }

  static Json.Body provisionResult(String type, InstanceId id) {
    return w -> w.beginObject().name("Type").value(type).name("ID").value(id.value()).endObject();
  }

  static Json.Body describeResult(String type, List<InstanceDescription> descriptions) {
    return w -> {
      w.beginObject().name("Type").value(type).name("Descriptions").beginArray();
      for (InstanceDescription d : descriptions) {
        w.beginObject();
        w.name("ID").value(d.id().value());
        w.name("LogicalID").value(d.logicalId() == null ? null : d.logicalId().value());
        w.name("Tags");
        Json.stringMap(w, d.tags());
        if (d.properties() != null) {
          w.name("Properties");
          Json.writeRaw(w, d.properties().json());
        }
        w.endObject();
      }
      w.endArray().endObject();
    };
  }

  // ---- client side: params

  static Json.Body validateParams(String type, RawJson properties) {
    return w -> {
      w.beginObject().name("Type").value(type).name("Properties");
      Json.writeRaw(w, properties.json());
      w.endObject();
    };
  }

  static Json.Body provisionParams(String type, InstanceSpec spec) {
    return w -> {
      w.beginObject().name("Type").value(type).name("Spec").beginObject();
      w.name("Properties");
      Json.writeRaw(w, spec.properties().json());
      w.name("Tags");
      Json.stringMap(w, spec.tags());
      w.name("Init").value(spec.init());
      w.name("LogicalID").value(spec.logicalId() == null ? null : spec.logicalId().value());
      w.name("Attachments");
      if (spec.attachments().isEmpty()) {
        w.nullValue();
      } else {
        w.beginArray();
        for (Attachment a : spec.attachments()) {
          w.beginObject().name("ID").value(a.id()).name("Type").value(a.type()).endObject();
        }
        w.endArray();
      }
      w.endObject().endObject();
    };
  }

  static Json.Body labelParams(String type, InstanceId id, Map<String, String> labels) {
    return w -> {
      w.beginObject().name("Type").value(type).name("Instance").value(id.value()).name("Labels");
      Json.stringMap(w, labels);
      w.endObject();
    };
  }

  static Json.Body destroyParams(String type, InstanceId id, DestroyContext context) {
    return w -> {
      w.beginObject().name("Type").value(type).name("Instance").value(id.value());
      if (context != DestroyContext.NONE) {
        w.name("Context").beginObject().name("Reason").value(context.reason()).endObject();
      }
      w.endObject();
    };
  }

  static Json.Body describeParams(String type, Map<String, String> tags, boolean properties) {
    return w -> {
      w.beginObject().name("Type").value(type).name("Tags");
      Json.stringMap(w, tags);
      w.name("Properties").value(properties);
      w.endObject();
    };
  }

  // ---- client side: results

  static InstanceId readProvisionResult(String result) throws IOException, RpcError {
    Slot<String> id = new Slot<>(null);
    readParams(result, named(Map.of("id", r -> id.value = Json.stringOrNull(r, "ID"))));
    if (id.value == null || id.value.isBlank()) {
      throw new RpcError(RpcError.SERVER_ERROR, "plugin returned no instance ID");
    }
    return new InstanceId(id.value);
  }

  static List<InstanceDescription> readDescribeResult(String result) throws IOException, RpcError {
    List<InstanceDescription> list = new ArrayList<>();
    readParams(result, named(Map.of("descriptions", r -> {
      if (r.peek() == JsonReader.Token.NULL) {
        r.nextNull();
        return;
      }
      if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
        throw RpcError.invalidParams("Descriptions must be an array");
      }
      r.beginArray();
      while (r.hasNext()) {
        list.add(readDescription(r));
      }
      r.endArray();
    })));
    return list;
  }

  private static InstanceDescription readDescription(JsonReader reader) throws IOException, RpcError {
    Slot<String> id = new Slot<>(null);
    Slot<String> logical = new Slot<>(null);
    Slot<Map<String, String>> tags = new Slot<>(Map.of());
    Slot<RawJson> properties = new Slot<>(null);
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw RpcError.invalidParams("Descriptions must hold objects");
    }
    readObject(reader, "Descriptions[]", named(Map.of(
        "id", r -> id.value = Json.stringOrNull(r, "Descriptions[].ID"),
        "logicalid", r -> logical.value = Json.stringOrNull(r, "Descriptions[].LogicalID"),
        "tags", r -> tags.value = Json.stringMap(r, "Descriptions[].Tags"),
        "properties", r -> {
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
          } else {
            properties.value = Json.rawJson(r);
          }
        })));
    if (id.value == null || id.value.isBlank()) {
      throw RpcError.invalidParams("a description has no ID");
    }
    return new InstanceDescription(new InstanceId(id.value),
        logical.value == null || logical.value.isEmpty() ? null : new LogicalId(logical.value), tags.value,
        properties.value);
  }
}
