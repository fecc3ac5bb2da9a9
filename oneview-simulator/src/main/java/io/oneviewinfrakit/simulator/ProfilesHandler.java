package io.oneviewinfrakit.simulator;

import static io.oneviewinfrakit.simulator.Router.methodNotAllowed;

import java.util.Map;

/**
 * {@code /rest/server-profiles}: list, get, create, update (PUT), update from template (PATCH),
 * delete, and delete-by-filter, each change a task that moves the profile and its server hardware
 * through OneView's states (see {@link ProfileState}). Routes each request to the class that does
 * the change: {@link ProfileCreate}, {@link ProfileUpdate}, {@link ProfileDelete}.
 */
final class ProfilesHandler implements Appliance.RestExtension {
  private final Appliance a;
  private final ProfileState ps;
  private final Store profiles;
  private final ProfileCreate create;
  private final ProfileUpdate update;
  private final ProfileDelete delete;

  ProfilesHandler(Appliance a, ProfileState ps) {
    this.a = a;
    this.ps = ps;
    this.profiles = a.profileStore();
    this.create = new ProfileCreate(a, ps);
    this.update = new ProfileUpdate(a, ps);
    this.delete = new ProfileDelete(a, ps);
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    String m = r.method();
    if (seg.length == 2) {
      return switch (m) {
        case "POST" -> create.create(r, version);
        case "DELETE" -> delete.deleteMatching(r, version);
        case "GET" -> a.listings().list(r, profiles, version);
        default -> throw methodNotAllowed(m);
      };
    }
    if (seg.length != 3) {
      throw SimulatorException.notFound(r.path());
    }
    Map<String, Object> p = ps.visibleProfile("/rest/server-profiles/" + seg[2]);
    return switch (m) {
      case "GET" -> a.listings().single(r, p, "server-profiles", version);
      case "PUT" -> update.update(r, p, version);
      case "PATCH" -> update.patch(r, p, version);
      case "DELETE" -> delete.delete(r, p, version);
      default -> throw methodNotAllowed(m);
    };
  }
}
