package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /rest/firmware-drivers}: the firmware bundles (baselines) profiles and templates name in
 * {@code firmware.firmwareBaselineUri}.
 *
 * <ul>
 *   <li>{@code GET} list and by id.
 *   <li>{@code POST} of a custom SPP ({@code customBaselineName}, {@code baselineUri} naming an
 *       {@code SPP} bundle, optional {@code hotfixUris} naming {@code Hotfix} bundles), as
 *       oneview-python's {@code firmware_drivers.create} sends it: 202 + a {@link
 *       TaskKind#FIRMWARE} task after which the bundle ({@code bundleType} {@code Custom}) exists.
 *       Uploading an ISO is a multipart upload the simulator does not serve.
 *   <li>{@code DELETE {id}}: 202 + a {@link TaskKind#FIRMWARE} task after which the bundle is gone;
 *       refused (409 {@code RESOURCE_IN_USE}) while a profile or template names it as its baseline,
 *       as the appliance refuses removing a baseline in use (its error code is not in the
 *       references; the code is the one the other in-use refusals carry).
 * </ul>
 */
final class FirmwareDriversHandler extends ResourceHandler {
  FirmwareDriversHandler(Appliance a) {
    super(a);
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    Store store = a.store("firmware-drivers");
    String m = r.method();
    if (seg.length == 2 && m.equals("POST")) {
      return createCustom(r, store, version);
    }
    if (seg.length == 3 && m.equals("DELETE")) {
      return delete(r, store, Listings.find(store, "/rest/firmware-drivers/" + seg[2]), version);
    }
    return a.listings().readOnly(r, m, seg, store, version);
  }

  private ApiResponse delete(ApiRequest r, Store store, Map<String, Object> bundle, int version) {
    String uri = (String) bundle.get("uri");
    String name = (String) bundle.get("name");
    String user = userOf(uri);
    if (user != null) {
      throw SimulatorException.conflict("RESOURCE_IN_USE",
          "The firmware bundle " + name + " is the firmware baseline of " + user + ".");
    }
    String failure = a.acceptedTasks().injectedFailure(TaskKind.FIRMWARE);
    Tasks.Task t = a.tasks().start(TaskKind.FIRMWARE, "Delete", store.category, uri, name,
        "Removing firmware bundle " + name, "Removed firmware bundle " + name + ".", failure,
        "Simulated failure of the delete task.", "Unable to remove firmware bundle " + name,
        AcceptedTasks.whenCompleted(() -> store.remove(uri)));
    return a.acceptedTasks().accepted(r, t, version);
  }

  /**
   * The profile or template ("name (uri)") whose {@code firmware.firmwareBaselineUri} is {@code
   * uri}, managed or not: the reference would dangle either way.
   */
  private String userOf(String uri) {
    for (Store owners : List.of(a.profileStore(), a.templateStore())) {
      for (Map<String, Object> o : owners.all()) {
        Map<String, Object> firmware = Json.map(o.get("firmware"));
        if (firmware != null && uri.equals(firmware.get("firmwareBaselineUri"))) {
          return o.get("name") + " (" + o.get("uri") + ")";
        }
      }
    }
    return null;
  }

  private ApiResponse createCustom(ApiRequest r, Store store, int version) {
    Map<String, Object> body = Json.parseObject(r.body());
    String name = Appliance.blankToNull(Appliance.string(body.get("customBaselineName")));
    if (name == null) {
      throw SimulatorException.badRequest("INVALID_NAME", "A custom baseline needs a customBaselineName.");
    }
    if (store.exactlyNamed(name) != null) {
      throw SimulatorException.conflict("DUPLICATE_NAME", "A firmware bundle named " + name + " already exists.");
    }
    Map<String, Object> spp = bundle(store, Appliance.string(body.get("baselineUri")), "baselineUri", "SPP");
    List<String> hotfixUris = new ArrayList<>();
    Object sentHotfixes = body.get("hotfixUris");
    if (sentHotfixes != null) {
      List<Object> list = Json.list(sentHotfixes);
      if (list == null) {
        throw SimulatorException.badRequest("INVALID_HOTFIX_URIS", "hotfixUris must be an array of URIs.");
      }
      for (Object o : list) {
        hotfixUris.add((String) bundle(store, Appliance.string(o), "hotfixUris", "Hotfix").get("uri"));
      }
    }
    String uri = "/rest/firmware-drivers/" + a.ids().uuid();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "firmware-baselines");
    d.put("uri", uri);
    d.put("category", "firmware-drivers");
    d.put("name", name);
    d.put("description", "Custom baseline based on " + spp.get("name"));
    d.put("version", spp.get("version"));
    d.put("baselineShortName", name);
    d.put("isoFileName", null);
    d.put("bundleType", "Custom");
    d.put("parentBundle", Json.obj("parentBundleName", spp.get("name"), "parentBundleUri", spp.get("uri"),
        "releaseDate", spp.get("releaseDate"), "version", spp.get("version")));
    d.put("releaseDate", spp.get("releaseDate"));
    d.put("fwComponents", List.of());
    d.put("hotfixes", hotfixUris.stream().map(h -> (Object) Json.obj("resourceId", h)).toList());
    d.put("status", "OK");
    d.put("state", "Created");
    String failure = a.acceptedTasks().injectedFailure(TaskKind.FIRMWARE);
    Tasks.Task t = a.tasks().start(TaskKind.FIRMWARE, "Create", store.category, uri, name,
        "Creating custom baseline " + name, "Created custom baseline " + name + ".", failure,
        "Simulated failure of the create task.", "Unable to create custom baseline " + name,
        AcceptedTasks.whenCompleted(() -> {
          stamp(d);
          store.put(d);
        }));
    return a.acceptedTasks().accepted(r, t, version);
  }

  /** The bundle {@code uri} names, which must be of {@code bundleType}; 400 naming {@code field} otherwise. */
  private static Map<String, Object> bundle(Store store, String uri, String field, String bundleType) {
    Map<String, Object> bundle = Appliance.existing(store, uri, field);
    if (!bundleType.equals(bundle.get("bundleType"))) {
      throw SimulatorException.badRequest("INVALID_BUNDLE_TYPE", "The " + field + " entry " + uri
          + " is a " + bundle.get("bundleType") + " bundle, not a " + bundleType + " bundle.");
    }
    return bundle;
  }
}
