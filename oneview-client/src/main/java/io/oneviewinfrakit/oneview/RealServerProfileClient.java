package io.oneviewinfrakit.oneview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServerProfileClient} over the REST API. Thread-safe. */
final class RealServerProfileClient implements ServerProfileClient {
  static final String COLLECTION = "/rest/server-profiles";
  /** Attempts of a read-modify-update before a stale eTag is given up on. */
  static final int MAX_MODIFY_ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(OneView.class);
  private static final MediaType JSON_PATCH = MediaType.get("application/json-patch+json");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final byte[] UPDATE_FROM_TEMPLATE =
      "[{\"op\":\"replace\",\"path\":\"/templateCompliance\",\"value\":\"Compliant\"}]"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final OneViewApi api;
  private final ApiVersions apiVersions;
  private final ResourceReader<ServerProfile> reader;

  RealServerProfileClient(OneViewApi api, Pager pager, ApiVersions apiVersions) {
    this.api = api;
    this.apiVersions = apiVersions;
    this.reader = new ResourceReader<>(api, pager, COLLECTION, ServerProfile::of, ServerProfile::name);
  }

  @Override
  public List<ServerProfile> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<ServerProfile> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<ServerProfile> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public ServerProfile get(String uri) {
    return reader.get(uri);
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
    return modify(profileUri, profile -> profile.withConnection(spec));
  }

  @Override
  public Task removeConnection(String profileUri, String networkUri) {
    Uris.check(networkUri, "networkUri");
    return modify(profileUri, profile -> {
      ServerProfile changed = profile.withoutConnection(networkUri);
      if (changed == profile) {
        throw new IllegalStateException("profile " + profileUri + " has no connection to " + networkUri);
      }
      return changed;
    });
  }

  @Override
  public Task updateFromTemplate(String uri) {
    Uris.check(uri, "uri");
    // Bytes, not a String: OkHttp would append "; charset=utf-8" to a String body's media type.
    MediaType type = apiVersions.version() >= 300 ? JSON_PATCH : JSON;
    return Http.task(api.patch(uri, RequestBody.create(UPDATE_FROM_TEMPLATE, type)));
  }

  /**
   * Reads the profile at {@code uri}, applies {@code change} and updates it with the eTag read.
   * Another writer between the read and the update makes the appliance answer 412; then the
   * change is re-applied to a fresh read, so it never overwrites what the other writer did.
   */
  private Task modify(String uri, UnaryOperator<ServerProfile> change) {
    Uris.check(uri, "uri");
    StaleETagException stale = null;
    for (int attempt = 1; attempt <= MAX_MODIFY_ATTEMPTS; attempt++) {
      ServerProfile changed = change.apply(get(uri));
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
