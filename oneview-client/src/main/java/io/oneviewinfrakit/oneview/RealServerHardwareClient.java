package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link ServerHardwareClient} over the collection's {@link ResourceClient}. Thread-safe. */
final class RealServerHardwareClient extends TypedResourceClient<ServerHardware> implements ServerHardwareClient {
  static final String COLLECTION = "/rest/server-hardware";

  private final OneViewApi api;

  RealServerHardwareClient(ResourceClient resources) {
    super(resources, ModelJson.SERVER_HARDWARE, ServerHardware::name);
    this.api = resources.api();
  }

  @Override
  public List<ServerHardware> compatibleWith(ServerProfileTemplate template) {
    Objects.requireNonNull(template, "template == null");
    String typeUri = template.serverHardwareTypeUri();
    if (typeUri == null) {
      throw new IllegalArgumentException("template has no serverHardwareTypeUri: " + template);
    }
    Query.Builder query = Query.builder().filter(Filter.eq("serverHardwareTypeUri", typeUri));
    String groupUri = template.enclosureGroupUri();
    if (groupUri != null && !groupUri.isEmpty()) query.filter(Filter.eq("serverGroupUri", groupUri));
    // Rack templates have no enclosure group; OneView cannot filter for a null group, so check locally.
    // A consistent listing (or an exception), never a best-effort stream: callers pick free servers from it.
    return list(query.build()).stream().filter(hardware -> hardware.isCompatibleWith(template)).toList();
  }

  @Override
  public List<ServerHardware> freeCompatibleWith(ServerProfileTemplate template) {
    return compatibleWith(template).stream().filter(ServerHardware::isFree).toList();
  }

  @Override
  public Task powerOn(String uri) {
    return power(uri, "On", "MomentaryPress");
  }

  @Override
  public Task powerOff(String uri, PowerControl control) {
    Objects.requireNonNull(control, "control == null");
    return power(uri, "Off", control.wireName());
  }

  @Override
  public Task reset(String uri) {
    return power(uri, "On", "Reset");
  }

  private Task power(String uri, String powerState, String powerControl) {
    Uris.check(uri, "uri");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("powerState", powerState);
    body.put("powerControl", powerControl);
    return Http.task(api.put(uri + "/powerState", null, body));
  }
}
