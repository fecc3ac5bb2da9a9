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
        throw RpcError.invalidParams("params array must hold exactly one object");
      }
    }
    readObject(reader, "params", fields);
    if (array) {
      if (reader.hasNext()) {
        throw RpcError.invalidParams("params array must hold exactly one object");
      }
      reader.endArray();
    }
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

  private static InstanceId instance(String value) throws RpcError {
    if (value == null || value.isBlank()) {
      throw RpcError.invalidParams("missing Instance");
    }
    return new InstanceId(value);
  }

  // ---- server side: params -> records

  static String typeOf(String params) throws IOException, RpcError {
    String[] type = {""};
    readParams(params, (name, r) -> {
      if (name.equals("type")) {
        type[0] = type(r);
        return true;
      }
      return false;
    });
    return type[0];
  }

  static ValidateRequest readValidate(String params) throws IOException, RpcError {
    String[] type = {""};
    RawJson[] properties = {RawJson.NULL};
    readParams(params, (name, r) -> {
      switch (name) {
        case "type":
          type[0] = type(r);
          return true;
        case "properties":
          properties[0] = Json.rawJson(r);
          return true;
        default:
          return false;
      }
    });
    return new ValidateRequest(type[0], properties[0]);
  }

  static ProvisionRequest readProvision(String params) throws IOException, RpcError {
    String[] type = {""};
    InstanceSpec[] spec = {null};
    readParams(params, (name, r) -> {
      switch (name) {
        case "type":
          type[0] = type(r);
          return true;
        case "spec":
          spec[0] = readSpec(r);
          return true;
        default:
          return false;
      }
    });
    if (spec[0] == null) {
      throw RpcError.invalidParams("missing Spec");
    }
    return new ProvisionRequest(type[0], spec[0]);
  }

  private static InstanceSpec readSpec(JsonReader reader) throws IOException, RpcError {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw RpcError.invalidParams("Spec must be an object, not " + Json.describe(reader.peek()));
    }
    InstanceSpec.Builder spec = InstanceSpec.builder();
    readObject(reader, "Spec", (name, r) -> {
      switch (name) {
        case "properties":
          spec.properties(Json.rawJson(r));
          return true;
        case "tags":
          spec.tags(Json.stringMap(r, "Spec.Tags"));
          return true;
        case "init":
          String init = Json.stringOrNull(r, "Spec.Init");
          spec.init(init == null ? "" : init);
          return true;
        case "logicalid":
          String logical = Json.stringOrNull(r, "Spec.LogicalID");
          spec.logicalId(logical == null || logical.isEmpty() ? null : new LogicalId(logical));
          return true;
        case "attachments":
          spec.attachments(readAttachments(r));
          return true;
        default:
          return false;
      }
    });
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
      String[] idAndType = {"", ""};
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw RpcError.invalidParams("Spec.Attachments must hold objects, not " + Json.describe(reader.peek()));
      }
      readObject(reader, "Spec.Attachments[]", (name, r) -> {
        switch (name) {
          case "id":
            String id = Json.stringOrNull(r, "Spec.Attachments[].ID");
            idAndType[0] = id == null ? "" : id;
            return true;
          case "type":
            String type = Json.stringOrNull(r, "Spec.Attachments[].Type");
            idAndType[1] = type == null ? "" : type;
            return true;
          default:
            return false;
        }
      });
      list.add(new Attachment(idAndType[0], idAndType[1]));
    }
    reader.endArray();
    return list;
  }

  static LabelRequest readLabel(String params) throws IOException, RpcError {
    String[] type = {""};
    String[] instance = {null};
    List<Map<String, String>> labels = new ArrayList<>(List.of(Map.of()));
    readParams(params, (name, r) -> {
      switch (name) {
        case "type":
          type[0] = type(r);
          return true;
        case "instance":
          instance[0] = Json.stringOrNull(r, "Instance");
          return true;
        case "labels":
          labels.set(0, Json.stringMap(r, "Labels"));
          return true;
        default:
          return false;
      }
    });
    return new LabelRequest(type[0], instance(instance[0]), labels.get(0));
  }

  static DestroyRequest readDestroy(String params) throws IOException, RpcError {
    String[] type = {""};
    String[] instance = {null};
    DestroyContext[] context = {DestroyContext.NONE};
    readParams(params, (name, r) -> {
      switch (name) {
        case "type":
          type[0] = type(r);
          return true;
        case "instance":
          instance[0] = Json.stringOrNull(r, "Instance");
          return true;
        case "context":
          context[0] = readContext(r);
          return true;
        default:
          return false;
      }
    });
    return new DestroyRequest(type[0], instance(instance[0]), context[0]);
  }

  private static DestroyContext readContext(JsonReader reader) throws IOException, RpcError {
    String[] reason = {""};
    readObject(reader, "Context", (name, r) -> {
      if (name.equals("reason")) {
        String s = Json.stringOrNull(r, "Context.Reason");
        reason[0] = s == null ? "" : s;
        return true;
      }
      return false;
    });
    return DestroyContext.ofReason(reason[0])
        .orElseThrow(() -> RpcError.invalidParams(
            "Context.Reason must be \"terminate\" or \"rolling_update\", not \"" + reason[0] + "\""));
  }

  static DescribeRequest readDescribe(String params) throws IOException, RpcError {
    String[] type = {""};
    List<Map<String, String>> tags = new ArrayList<>(List.of(Map.of()));
    boolean[] properties = {false};
    readParams(params, (name, r) -> {
      switch (name) {
        case "type":
          type[0] = type(r);
          return true;
        case "tags":
          tags.set(0, Json.stringMap(r, "Tags"));
          return true;
        case "properties":
          properties[0] = Json.bool(r, "Properties");
          return true;
        default:
          return false;
      }
    });
    return new DescribeRequest(type[0], tags.get(0), properties[0]);
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
    String[] id = {null};
    readParams(result, (name, r) -> {
      if (name.equals("id")) {
        id[0] = Json.stringOrNull(r, "ID");
        return true;
      }
      return false;
    });
    if (id[0] == null || id[0].isBlank()) {
      throw new RpcError(RpcError.SERVER_ERROR, "plugin returned no instance ID");
    }
    return new InstanceId(id[0]);
  }

  static List<InstanceDescription> readDescribeResult(String result) throws IOException, RpcError {
    List<InstanceDescription> list = new ArrayList<>();
    readParams(result, (name, r) -> {
      if (!name.equals("descriptions")) {
        return false;
      }
      if (r.peek() == JsonReader.Token.NULL) {
        r.nextNull();
        return true;
      }
      if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
        throw RpcError.invalidParams("Descriptions must be an array");
      }
      r.beginArray();
      while (r.hasNext()) {
        list.add(readDescription(r));
      }
      r.endArray();
      return true;
    });
    return list;
  }

  private static InstanceDescription readDescription(JsonReader reader) throws IOException, RpcError {
    String[] id = {null};
    String[] logical = {null};
    List<Map<String, String>> tags = new ArrayList<>(List.of(Map.of()));
    RawJson[] properties = {null};
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw RpcError.invalidParams("Descriptions must hold objects");
    }
    readObject(reader, "Descriptions[]", (name, r) -> {
      switch (name) {
        case "id":
          id[0] = Json.stringOrNull(r, "Descriptions[].ID");
          return true;
        case "logicalid":
          logical[0] = Json.stringOrNull(r, "Descriptions[].LogicalID");
          return true;
        case "tags":
          tags.set(0, Json.stringMap(r, "Descriptions[].Tags"));
          return true;
        case "properties":
          if (r.peek() == JsonReader.Token.NULL) {
            r.skipValue();
          } else {
            properties[0] = Json.rawJson(r);
          }
          return true;
        default:
          return false;
      }
    });
    if (id[0] == null || id[0].isBlank()) {
      throw RpcError.invalidParams("a description has no ID");
    }
    return new InstanceDescription(new InstanceId(id[0]),
        logical[0] == null || logical[0].isEmpty() ? null : new LogicalId(logical[0]), tags.get(0), properties[0]);
  }
}
