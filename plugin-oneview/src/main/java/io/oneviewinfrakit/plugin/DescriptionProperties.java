package io.oneviewinfrakit.plugin;

import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/**
 * The {@code Properties} object of a listed instance: what a person (or a flavor) wants to know
 * about it, for example
 * {@code {"instanceId":"ov-...","phase":"Running","template":"Docker-Gen8-Template",
 * "profile":{"name":...,"uri":...,"state":"Normal","status":"OK"},
 * "server":{"name":"Encl1, bay 3","uri":...,"serialNumber":...,"model":...,"powerState":"On",
 * "macs":[...]},"lastError":null}}.
 */
final class DescriptionProperties {

  private DescriptionProperties() {}

  static RawJson of(String instanceId, Phase phase, String templateName, ProfileView profile,
      String profileName, ServerView server, String lastError) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      w.beginObject();
      w.name("instanceId").value(instanceId);
      w.name("phase").value(phase.displayName());
      w.name("template").value(templateName);
      w.name("profile").beginObject();
      w.name("name").value(profile != null ? profile.name() : profileName);
      w.name("uri").value(profile != null ? profile.uri() : null);
      w.name("state").value(profile != null ? profile.state() : null);
      w.name("status").value(profile != null ? profile.status() : null);
      w.endObject();
      if (server == null) {
        w.name("server").nullValue();
      } else {
        w.name("server").beginObject();
        w.name("name").value(server.name());
        w.name("uri").value(server.uri());
        w.name("serialNumber").value(server.serialNumber());
        w.name("model").value(server.model());
        w.name("powerState").value(server.powerState());
        w.name("macs").beginArray();
        for (String mac : server.macs()) {
          w.value(mac);
        }
        w.endArray();
        w.endObject();
      }
      w.name("lastError").value(lastError);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory
    }
    return RawJson.of(buffer.readUtf8());
  }
}
