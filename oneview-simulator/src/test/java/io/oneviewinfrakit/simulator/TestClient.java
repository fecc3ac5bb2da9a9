package io.oneviewinfrakit.simulator;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;

/** Plain OkHttp against a simulator, trusting exactly its certificate; JSON via Moshi. */
final class TestClient {
  static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  final OneViewSimulator sim;
  final OkHttpClient http;
  String token;
  String apiVersion = "8600";

  TestClient(OneViewSimulator sim) {
    this.sim = sim;
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .readTimeout(10, TimeUnit.SECONDS);
    if (sim.isHttps()) {
      HandshakeCertificates trust = new HandshakeCertificates.Builder()
          .addTrustedCertificate(sim.certificate())
          .build();
      b.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    this.http = b.build();
  }

  /** Logs in with the simulator's credentials and keeps the token. */
  TestClient login() {
    Resp r = post("/rest/login-sessions",
        Map.of("userName", sim.username(), "password", sim.password(), "loginMsgAck", true));
    if (r.code() != 200) {
      throw new AssertionError("login failed: " + r);
    }
    token = (String) r.map().get("sessionID");
    return this;
  }

  TestClient version(String version) {
    this.apiVersion = version;
    return this;
  }

  Resp get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, null, headers);
  }

  Resp post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  Resp put(String path, Object body, String... headers) {
    return send("PUT", path, body, headers);
  }

  Resp delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /** PATCH with a JSON Patch body sent as {@code contentType}. */
  Resp patch(String path, Object body, String contentType, String... headers) {
    return send("PATCH", path, RequestBody.create(JSON.toJson(body), MediaType.get(contentType)), headers);
  }

  /** Creates a profile from the template's new-profile and lets its task complete. */
  Map<String, Object> createProfile(String templateName, String name, String hardwareName) {
    Resp created = post("/rest/server-profiles", newProfile(templateName, name, (String) hardware(hardwareName).get("uri")));
    if (created.code() != 202) {
      throw new AssertionError("create failed: " + created);
    }
    Resp task = task(created.location());
    if (!"Completed".equals(task.string("taskState"))) {
      throw new AssertionError("create task did not complete: " + task);
    }
    return get((String) task.object("associatedResource").get("resourceUri")).map();
  }

  Resp send(String method, String pathAndQuery, Object body, String... headers) {
    Request.Builder rb = new Request.Builder().url(sim.url() + pathAndQuery);
    if (apiVersion != null) {
      rb.header("X-API-Version", apiVersion);
    }
    if (token != null) {
      rb.header("auth", token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      rb.header(headers[i], headers[i + 1]);
    }
    RequestBody requestBody = body == null ? null
        : body instanceof RequestBody rb0 ? rb0
        : RequestBody.create(body instanceof String s ? s : JSON.toJson(body), APPLICATION_JSON);
    if (requestBody == null && (method.equals("POST") || method.equals("PUT"))) {
      requestBody = RequestBody.create("", APPLICATION_JSON);
    }
    rb.method(method, requestBody);
    try (Response response = http.newCall(rb.build()).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      Object json = text.isEmpty() ? null : JSON.fromJson(text);
      return new Resp(response.code(), response.header("Location"), response.header("ETag"), json, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Follows a task Location (relative or absolute). */
  Resp task(String location) {
    return get(location.substring(location.indexOf("/rest/")));
  }

  /** The template named {@code name}. */
  Map<String, Object> template(String name) {
    Resp r = get("/rest/server-profile-templates?filter=" + enc("name='" + name + "'"));
    return r.members().get(0);
  }

  /** The server hardware named {@code name}. */
  Map<String, Object> hardware(String name) {
    Resp r = get("/rest/server-hardware?filter=" + enc("name='" + name + "'"));
    return r.members().get(0);
  }

  /** {@code new-profile} of the template, with a name and hardware set. */
  @SuppressWarnings("unchecked")
  Map<String, Object> newProfile(String templateName, String name, String hardwareUri) {
    Map<String, Object> template = template(templateName);
    Map<String, Object> profile = (Map<String, Object>) get(template.get("uri") + "/new-profile").json();
    profile.put("name", name);
    profile.put("serverHardwareUri", hardwareUri);
    return profile;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  record Resp(int code, String location, String eTag, Object json, String text) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> members() {
      return (List<Map<String, Object>>) map().get("members");
    }

    String string(String key) {
      return (String) map().get(key);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
      return (Map<String, Object>) map().get(key);
    }
  }
}
