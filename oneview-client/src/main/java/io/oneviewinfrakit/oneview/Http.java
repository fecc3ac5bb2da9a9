package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;

/** Executes calls and turns every failure into a {@link OneViewException}. Thread-safe (stateless). */
final class Http {
  private Http() {}

  /** Executes {@code call}; any answer, successful or not, is returned. */
  static <T> Response<T> send(Call<T> call) {
    try {
      return call.execute();
    } catch (javax.net.ssl.SSLHandshakeException | javax.net.ssl.SSLPeerUnverifiedException e) {
      throw new OneViewException(describe(call.request()) + " failed: the appliance's TLS certificate "
          + "is not trusted (" + e.getMessage() + "); trust the appliance's CA certificate (or its own "
          + "certificate) explicitly", e);
    } catch (IOException e) {
      throw new OneViewException(describe(call.request()) + " failed: " + e, e);
    } catch (JsonDataException e) {
      throw new OneViewException(describe(call.request()) + " answered unreadable JSON: " + e.getMessage(), e);
    }
  }

  /** Executes {@code call} and returns its body, which is null only for 204 No Content. */
  static <T> T body(Call<T> call) {
    Response<T> response = send(call);
    if (!response.isSuccessful()) throw error(response);
    return response.body();
  }

  /** Executes a change and returns the task the appliance started for it. */
  static Task task(Call<ResponseBody> call) {
    Response<ResponseBody> response = send(call);
    if (!response.isSuccessful()) throw error(response);
    Request request = response.raw().request();
    Map<String, Object> body = null;
    try (ResponseBody raw = response.body()) {
      String text = raw == null ? "" : raw.string();
      if (!text.isBlank()) body = Json.parseObject(text);
    } catch (IOException e) {
      throw new OneViewException(describe(request) + " failed reading the answer: " + e, e);
    } catch (IllegalArgumentException e) {
      body = null; // Not a JSON object: only the Location header can name the task.
    }
    String location = response.headers().get("Location");
    if (location == null) location = response.headers().get("X-Task-Uri");
    String uri = location == null || location.isBlank() ? null : resourcePath(location);
    if (body != null && Task.looksLikeTask(body)) {
      Task fromBody = Task.fromJson(body);
      if (uri == null || uri.equals(fromBody.uri())) return fromBody;
    }
    if (uri != null) return Task.pending(uri);
    throw new OneViewException(response.code(), null,
        describe(request) + " answered HTTP " + response.code() + " without a task (no Location header, no task body)",
        null);
  }

  /** The path and query of {@code location}, which may be an absolute URL or a path. */
  static String resourcePath(String location) {
    HttpUrl absolute = HttpUrl.parse(location);
    if (absolute == null) return location;
    String query = absolute.encodedQuery();
    return absolute.encodedPath() + (query == null ? "" : "?" + query);
  }

  /** The exception for an unsuccessful answer, carrying OneView's error body when it sent one. */
  static OneViewException error(Response<?> response) {
    Request request = response.raw().request();
    int code = response.code();
    OneViewError error = null;
    String text = null;
    try (ResponseBody errorBody = response.errorBody()) {
      text = errorBody == null ? null : errorBody.string();
    } catch (IOException e) {
      text = null;
    }
    if (text != null && !text.isBlank()) {
      try {
        error = OneViewError.fromJson(Json.parseObject(text));
      } catch (IllegalArgumentException notJson) {
        error = null;
      }
    }
    String detail = error != null
        ? error.summary()
        : (text == null || text.isBlank() ? response.message() : abbreviate(text.strip()));
    String message = describe(request) + " failed: HTTP " + code + (detail.isEmpty() ? "" : ": " + detail);
    switch (code) {
      case 401:
        return new AuthenticationException(code, error, message + " (session rejected after logging in again)");
      case 404:
        return new ResourceNotFoundException(error, message);
      case 412:
        if (request.header("If-Match") != null) return new StaleETagException(error, message);
        return new OneViewException(code, error, message, null);
      default:
        return new OneViewException(code, error, message, null);
    }
  }

  static String describe(Request request) {
    HttpUrl url = request.url();
    String query = url.encodedQuery();
    return request.method() + " " + url.encodedPath() + (query == null ? "" : "?" + query);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
