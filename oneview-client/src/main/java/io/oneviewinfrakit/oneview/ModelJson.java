package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import io.oneviewinfrakit.oneview.internal.Documents;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds OneView documents to the SDK's typed models with Moshi. Enums read strings this SDK does
 * not know, and absent values, as their {@code UNKNOWN} constant; unknown fields are ignored, so
 * the models survive OneView adding fields. The whole-document models ({@link ServerProfile},
 * {@link ServerProfileTemplate}) are not bound here: they keep the tree {@link Json} reads.
 *
 * <p>Thread-safe.
 */
final class ModelJson {
  static final Moshi MOSHI = Json.MOSHI.newBuilder()
      .add(Status.class, enumAdapter(Status.class, Status.UNKNOWN))
      .add(PowerState.class, enumAdapter(PowerState.class, PowerState.UNKNOWN))
      .add(ServerHardwareState.class, enumAdapter(ServerHardwareState.class, ServerHardwareState.UNKNOWN))
      .add(TaskState.class, enumAdapter(TaskState.class, TaskState.UNKNOWN))
      .add(EthernetNetworkType.class, enumAdapter(EthernetNetworkType.class, EthernetNetworkType.UNKNOWN))
      .add(TemplateCompliance.class, enumAdapter(TemplateCompliance.class, TemplateCompliance.UNKNOWN))
      .add(BootMode.Mode.class, enumAdapter(BootMode.Mode.class, BootMode.Mode.UNKNOWN))
      .add(new ScalarsOrAbsent())
      .add(Documents.adapters())
      .build();

  static final Binding<ServerHardware> SERVER_HARDWARE =
      new Binding<>(ServerHardware.class, "server hardware", ServerHardware::uri);
  static final Binding<ServerHardwareType> SERVER_HARDWARE_TYPE =
      new Binding<>(ServerHardwareType.class, "server hardware type", ServerHardwareType::uri);
  static final Binding<EnclosureGroup> ENCLOSURE_GROUP =
      new Binding<>(EnclosureGroup.class, "enclosure group", EnclosureGroup::uri);
  static final Binding<EthernetNetwork> ETHERNET_NETWORK =
      new Binding<>(EthernetNetwork.class, "ethernet network", EthernetNetwork::uri);
  static final Binding<NetworkSet> NETWORK_SET = new Binding<>(NetworkSet.class, "network set", NetworkSet::uri);
  static final Binding<FcNetwork> FC_NETWORK =
      new Binding<>(FcNetwork.class, "Fibre Channel network", FcNetwork::uri);
  static final Binding<Task> TASK = new Binding<>(Task.class, "task", Task::uri);
  static final Binding<OneViewError> ERROR = new Binding<>(OneViewError.class, "error", null);
  static final Binding<Connection> CONNECTION = new Binding<>(Connection.class, "connection", null);
  static final Binding<BootMode> BOOT_MODE = new Binding<>(BootMode.class, "boot mode", null);
  static final Binding<Firmware> FIRMWARE = new Binding<>(Firmware.class, "firmware", null);

  private ModelJson() {}

  /**
   * Moshi's {@link EnumJsonAdapter} with its unknown fallback, which also reads JSON null as
   * {@code unknown} (OneView sends null for a state it has not determined yet).
   */
  private static <E extends Enum<E>> JsonAdapter<E> enumAdapter(Class<E> type, E unknown) {
    JsonAdapter<E> named = EnumJsonAdapter.create(type).withUnknownFallback(unknown);
    return new JsonAdapter<E>() {
      @Override
      public E fromJson(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.NULL) {
          reader.skipValue();
          return unknown;
        }
        return named.fromJson(reader);
      }

      @Override
      public void toJson(JsonWriter writer, E value) throws IOException {
        named.toJson(writer, value);
      }

      @Override
      public String toString() {
        return named + ".nullAsUnknown()";
      }
    };
  }

  /** The constant {@code wireName} names, as the enum's adapter reads it; null reads as its UNKNOWN. */
  static <E extends Enum<E>> E enumValue(Class<E> type, String wireName) {
    return MOSHI.adapter(type).fromJsonValue(wireName);
  }

  /** The string OneView uses for {@code constant}: its {@code @Json} name. */
  static String wireName(Enum<?> constant) {
    @SuppressWarnings("unchecked")
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(constant.getDeclaringClass());
    return (String) adapter.toJsonValue(constant);
  }

  /** {@code list} without its null elements, unmodifiable; empty when {@code list} is null. */
  static <T> List<T> nonNulls(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }

  /**
   * Reads one model, from a page's JSON text ({@link #read}, for listings) or from a parsed
   * document ({@link #decode}). A resource's document must have its {@code uri}. Thread-safe.
   */
  static final class Binding<T> implements Members<T> {
    private final JsonAdapter<T> adapter;
    private final String what;
    private final Function<T, String> uri;

    /** {@code uri}: a resource's URI accessor, or null for a part of a document (a connection, an error). */
    Binding(Class<T> type, String what, Function<T, String> uri) {
      this.adapter = MOSHI.adapter(type);
      this.what = what;
      this.uri = uri;
    }

    /**
     * The model {@code json} describes.
     *
     * @throws OneViewException naming the model, and the JSON path when a value does not fit.
     */
    @Override
    public T decode(Map<String, ?> json) {
      Objects.requireNonNull(json, "json == null");
      if (uri != null && !(json.get("uri") instanceof String)) {
        throw new OneViewException(what + " has no uri: " + json.get("name"));
      }
      T result;
      try {
        result = adapter.fromJsonValue(json);
      } catch (JsonDataException | IllegalArgumentException | NullPointerException e) {
        throw new OneViewException("Cannot read " + what + " " + json.get("uri") + ": " + e.getMessage(), e);
      }
      if (result == null || (uri != null && uri.apply(result) == null)) {
        throw new OneViewException(what + " has no uri: " + json.get("name"));
      }
      return result;
    }

    /** {@link #decode} of a member in a page's text; fails without the explanation a listing then gets from decode. */
    @Override
    public T read(JsonReader reader) throws IOException {
      T result = adapter.fromJson(reader);
      if (result == null || (uri != null && uri.apply(result) == null)) {
        throw new JsonDataException(what + " without uri at " + reader.getPath());
      }
      return result;
    }

    @Override
    public String uri(T member) {
      return uri == null ? null : uri.apply(member);
    }
  }

  /**
   * Numbers and booleans whose value is of the wrong kind ({@code "memoryMb": "lots"}) read as
   * absent instead of failing the whole document: one odd field must not hide a server. Everything
   * else is Moshi's own adapter, so numbers sent as strings ({@code "4096"}) still read.
   */
  private static final class ScalarsOrAbsent implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()) return null;
      if (type != Long.class && type != Integer.class && type != Double.class && type != Boolean.class) return null;
      JsonAdapter<Object> strict = moshi.nextAdapter(this, type, annotations);
      return new JsonAdapter<Object>() {
        @Override
        public Object fromJson(JsonReader reader) throws IOException {
          try {
            return strict.fromJson(reader);
          } catch (JsonDataException wrongKind) {
            reader.skipValue();
            return null;
          }
        }

        @Override
        public void toJson(JsonWriter writer, Object value) throws IOException {
          strict.toJson(writer, value);
        }

        @Override
        public String toString() {
          return strict + ".orAbsent()";
        }
      };
    }
  }
}
