package io.oneviewinfrakit.plugin;

import com.squareup.moshi.JsonWriter;
import io.oneviewinfrakit.infrakit.spi.RawJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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

  /**
   * The bare-metal additions: why an instance is Unhealthy, its connections (network name, MAC, port),
   * boot settings, firmware baseline, template compliance, and the attachments it was given.
   *
   * @param reason why the phase is Unhealthy (drift), or null
   * @param networkName network or network-set name by URI, null when not known
   * @param attachments {@code Spec.Attachments} as given (reported, not acted on)
   * @param percentComplete the percentComplete of the OneView task the plugin's current step waits
   *     for (profile create, power change), or null when none runs
   */
  record Extras(String reason, java.util.function.Function<String, String> networkName,
      java.util.List<io.oneviewinfrakit.infrakit.spi.Attachment> attachments, Integer percentComplete) {
    static final Extras NONE = new Extras(null, uri -> null, List.of(), null);

    Extras(String reason, java.util.function.Function<String, String> networkName,
        java.util.List<io.oneviewinfrakit.infrakit.spi.Attachment> attachments) {
      this(reason, networkName, attachments, null);
    }
  }

  static RawJson of(String instanceId, Phase phase, String templateName, ProfileView profile,
      String profileName, ServerView server, String lastError) {
    return of(instanceId, phase, templateName, profile, profileName, server, lastError, Extras.NONE);
  }

  static RawJson of(String instanceId, Phase phase, String templateName, ProfileView profile,
      String profileName, ServerView server, String lastError, Extras extras) {
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
      w.name("percentComplete").value(extras.percentComplete());
      writeExtras(w, profile, server, extras);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory
    }
    return RawJson.of(buffer.readUtf8());
  }

  private static void writeExtras(JsonWriter w, ProfileView profile, ServerView server, Extras extras)
      throws IOException {
    w.name("reason").value(extras.reason());
    if (server != null) {
      w.name("hardware").beginObject();
      w.name("memoryMb").value(server.memoryMb());
      w.name("cpuCores").value(server.cpuCores());
      w.name("status").value(server.status());
      w.name("maintenance").value(server.maintenance());
      w.endObject();
    }
    ProfileDetails d = profile != null ? profile.details() : ProfileDetails.NONE;
    w.name("connections").beginArray();
    for (ProfileDetails.ConnectionView c : d.connections()) {
      w.beginObject();
      w.name("id").value(c.id());
      w.name("network").value(extras.networkName().apply(c.networkUri()));
      w.name("networkUri").value(c.networkUri());
      w.name("mac").value(c.mac());
      w.name("portId").value(c.portId());
      w.endObject();
    }
    w.endArray();
    w.name("boot").beginObject();
    w.name("mode").value(d.bootMode());
    w.name("order").beginArray();
    for (String device : d.bootOrder()) {
      w.value(device);
    }
    w.endArray();
    w.endObject();
    w.name("firmware").beginObject();
    w.name("manageFirmware").value(d.manageFirmware());
    w.name("baselineUri").value(d.firmwareBaselineUri());
    w.endObject();
    w.name("templateCompliance").value(d.templateCompliance());
    w.name("attachments").beginArray();
    for (io.oneviewinfrakit.infrakit.spi.Attachment a : extras.attachments()) {
      w.beginObject();
      w.name("ID").value(a.id());
      w.name("Type").value(a.type());
      w.endObject();
    }
    w.endArray();
  }
}
