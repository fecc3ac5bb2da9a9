package io.oneviewinfrakit.oneview;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.ResponseBody;
import retrofit2.Response;

/** {@link CertificateClient} over the REST API. Thread-safe. */
final class RealCertificateClient implements CertificateClient {
  static final String CLIENT_COLLECTION = "/rest/certificates/client/rabbitmq";
  static final String KEY_PAIRS = "/rest/certificates/client/rabbitmq/keypair/";
  static final String CA = "/rest/certificates/ca";

  private final OneViewApi api;
  private final ApiVersions apiVersions;

  RealCertificateClient(OneViewApi api, ApiVersions apiVersions) {
    this.api = api;
    this.apiVersions = apiVersions;
  }

  @Override
  public Task createRabbitMqClientCertificate(String commonName) {
    Objects.requireNonNull(commonName, "commonName == null");
    return Http.task(api.post(CLIENT_COLLECTION,
        Map.of("commonName", commonName, "type", "RabbitMqClientCertV2")));
  }

  @Override
  public RabbitMqKeyPair rabbitMqKeyPair(String alias) {
    Objects.requireNonNull(alias, "alias == null");
    if (alias.isEmpty() || alias.contains("/") || alias.contains("?")) {
      throw new IllegalArgumentException("alias must be a single path segment: " + alias);
    }
    Map<String, Object> body = Http.body(api.get(KEY_PAIRS + alias));
    String cert = Json.string(body, "base64SSLCertData");
    String key = Json.string(body, "base64SSLKeyData");
    if (cert == null || key == null) {
      throw new OneViewException("GET " + KEY_PAIRS + alias + " answered without "
          + (cert == null ? "base64SSLCertData" : "base64SSLKeyData"));
    }
    return new RabbitMqKeyPair(alias, cert, key);
  }

  @Override
  public String internalCaPem() {
    if (apiVersions.version() < 600) {
      Response<ResponseBody> response = Http.send(api.getRaw(CA, null, null));
      if (!response.isSuccessful()) throw Http.error(response);
      try (ResponseBody raw = response.body()) {
        Object value = Json.TREE.fromJson(raw == null ? "null" : raw.string());
        if (value instanceof String pem && pem.contains("BEGIN CERTIFICATE")) return pem;
        throw new OneViewException("GET " + CA + " answered no PEM certificate");
      } catch (IOException e) {
        throw new OneViewException("GET " + CA + " failed reading the answer: " + e, e);
      }
    }
    Response<ResponseBody> response = Http.send(api.getRaw(CA, "true", "certType:INTERNAL"));
    if (!response.isSuccessful()) throw Http.error(response);
    try (ResponseBody raw = response.body()) {
      Map<String, Object> page = Json.parseObject(raw == null ? "{}" : raw.string());
      List<Map<String, Object>> members = Json.objects(page, "members");
      for (Map<String, Object> member : members) {
        Map<String, Object> details = Json.object(member, "certificateDetails");
        String pem = details == null ? null : Json.string(details, "base64Data");
        if (pem != null && ("INTERNAL".equals(Json.string(member, "certType")) || members.size() == 1)) {
          return pem;
        }
      }
      throw new OneViewException("GET " + CA + "?filter=certType:INTERNAL answered no internal CA certificate");
    } catch (IOException e) {
      throw new OneViewException("GET " + CA + " failed reading the answer: " + e, e);
    }
  }
}
