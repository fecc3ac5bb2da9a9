package io.oneviewinfrakit.oneview;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServerProfileClient} over the REST API. Thread-safe. */
final class RealServerProfileClient extends TypedResourceClient<ServerProfile> implements ServerProfileClient {
  static final String COLLECTION = "/rest/server-profiles";
  /** Attempts of a read-modify-update before a stale eTag is given up on. */
  static final int MAX_MODIFY_ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(OneView.class);
  private static final MediaType JSON_PATCH = MediaType.get("application/json-patch+json");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final byte[] UPDATE_FROM_TEMPLATE =
      "[{\"op\":\"replace\",\"path\":\"/templateCompliance\",\"value\":\"Compliant\"}]"
          .getBytes(StandardCharsets.UTF_8);

  private final OneViewApi api;
  private final ApiVersions apiVersions;

  RealServerProfileClient(ResourceClient resources, ApiVersions apiVersions) {
    super(resources, ServerProfile::of, ServerProfile::name);
    this.api = resources.api();
    this.apiVersions = apiVersions;
  }

  @Override
  public Task create(ServerProfile profile) {
    Objects.requireNonNull(profile, "profile == null");
    return Http.task(api.post(COLLECTION, body(profile)));
  }

  @Override
  public Task update(ServerProfile profile) {
    Objects.requireNonNull(profile, "profile == null");
    String uri = profile.uri();
    if (uri == null) throw new IllegalArgumentException("profile has no uri; create it instead: " + profile);
    String eTag = profile.eTag();
    if (eTag == null || eTag.isEmpty()) {
      throw new IllegalArgumentException("profile has no eTag; get it from the appliance before updating: " + profile);
    }
    return Http.task(api.put(uri, eTag, body(profile)));
  }

  @Override
  public Task delete(String uri) {
    return Http.task(api.delete(Uris.check(uri, "uri"), null));
  }

  @Override
  public Task delete(String uri, boolean force) {
    return Http.task(api.delete(Uris.check(uri, "uri"), force ? Boolean.TRUE : null));
  }

  @Override
  public Task addConnection(String profileUri, String networkUri) {
    return addConnection(profileUri, ConnectionSpec.to(networkUri));
  }

  @Override
  public Task addConnection(String profileUri, ConnectionSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    return modify(profileUri, (first, current) ->
        // More such connections than at the first read: our own earlier PUT was applied.
        matching(current, spec) > matching(first, spec) ? null : current.withConnection(spec));
  }

  /** How many connections of {@code profile} {@code spec} could have added. */
  private static long matching(ServerProfile profile, ConnectionSpec spec) {
    return profile.connections().stream()
        .filter(c -> spec.networkUri().equals(c.networkUri()))
        .filter(c -> spec.id() == null || spec.id().equals(c.id()))
        .count();
  }

  @Override
  public Task removeConnection(String profileUri, String networkUri) {
    Uris.check(networkUri, "networkUri");
    return modify(profileUri, (first, current) -> {
      ServerProfile changed = current.withoutConnection(networkUri);
      if (changed != current) return changed;
      // Gone since the first read, which had it: our own earlier PUT was applied.
      if (current != first) return null;
      throw new IllegalStateException("profile " + profileUri + " has no connection to " + networkUri);
    });
  }

  @Override
  public Task updateFromTemplate(String uri) {
    Uris.check(uri, "uri");
    // Bytes, not a String: OkHttp would append "; charset=utf-8" to a String body's media type.
    MediaType type = apiVersions.version() >= 300 ? JSON_PATCH : JSON;
    return Http.task(api.patch(uri, RequestBody.create(UPDATE_FROM_TEMPLATE, type)));
  }

  /** A change to a profile, given the first read of this modify and the current read. */
  private interface Change {
    /**
     * The profile to send, or null when {@code current} shows the change already made since
     * {@code first} (both are the same object on the first attempt).
     */
    ServerProfile apply(ServerProfile first, ServerProfile current);
  }

  /**
   * Reads the profile at {@code uri}, applies {@code change} and updates it with the eTag read.
   * Another writer between the read and the update makes the appliance answer 412; then the
   * change is re-applied to a fresh read, so it never overwrites what the other writer did.
   *
   * <p>A 412 can also be our own doing: the update is retried after a dropped connection (it
   * carries {@code If-Match}), and when the first try had been applied, the retry's eTag is stale.
   * Re-applying would then make the change twice (a second connection to the same network), so
   * {@code change} compares the fresh read with the first one and returns null when the change is
   * already there; the result is then the profile's latest task ({@code taskUri}).
   */
  private Task modify(String uri, Change change) {
    Uris.check(uri, "uri");
    StaleETagException stale = null;
    ServerProfile first = null;
    for (int attempt = 1; attempt <= MAX_MODIFY_ATTEMPTS; attempt++) {
      ServerProfile current = get(uri);
      if (first == null) first = current;
      ServerProfile changed = change.apply(first, current);
      if (changed == null) return alreadyApplied(current);
      try {
        return update(changed);
      } catch (StaleETagException e) {
        stale = e;
        log.debug("Profile {} changed while updating it (attempt {} of {}); reading it again",
            uri, attempt, MAX_MODIFY_ATTEMPTS);
      }
    }
    throw stale;
  }

  /** The task of a change found already made on {@code profile}: its latest task. */
  private Task alreadyApplied(ServerProfile profile) {
    String taskUri = profile.taskUri();
    log.debug("Profile {} already shows the change (an update retried after it was applied); task {}",
        profile.uri(), taskUri);
    if (taskUri == null || taskUri.isBlank()) {
      throw new OneViewException("Profile " + profile.uri()
          + " already shows the change, applied by an earlier try, but names no task (taskUri) to return");
    }
    return Task.fromJson(Http.body(api.get(Uris.check(taskUri, "taskUri"))));
  }

  /**
   * The document to send: every field of {@code profile}, with {@code type} set to the schema of
   * the API version in use where OneView requires it (before 1600). From 1600 on a {@code type}
   * the document already has is kept as is.
   */
  private Map<String, Object> body(ServerProfile profile) {
    String type = ApiVersions.serverProfileType(apiVersions.version());
    if (type == null) return profile.json();
    Map<String, Object> body = new LinkedHashMap<>(profile.json());
    body.put("type", type);
    return body;
  }
}
