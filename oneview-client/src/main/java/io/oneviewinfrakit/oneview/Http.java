package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/** Executes calls and turns every failure into a {@link OneViewException}. Thread-safe (stateless). */
final class Http {
  private Http() {}

  /**
   * A pool of at most {@code max} threads that starts a thread only when none is idle (a plain
   * {@code ThreadPoolExecutor} starts a new core thread for every task until it has {@code max},
   * even while the others sit idle); past {@code max} tasks wait in line. Threads idle for
   * {@code keepAliveSeconds} end.
   */
  static java.util.concurrent.ThreadPoolExecutor threadsOnDemand(int max, long keepAliveSeconds,
      java.util.concurrent.ThreadFactory threads) {
    java.util.concurrent.LinkedTransferQueue<Runnable> queue =
        new java.util.concurrent.LinkedTransferQueue<>() {
          @Override
          public boolean offer(Runnable task) {
            return tryTransfer(task); // to an idle thread, or not at all: then the pool grows
          }
        };
    return new java.util.concurrent.ThreadPoolExecutor(0, max, keepAliveSeconds,
        java.util.concurrent.TimeUnit.SECONDS, queue, threads, (task, pool) -> {
          if (pool.isShutdown()) {
            throw new java.util.concurrent.RejectedExecutionException("OneView client is closed");
          }
          queue.put(task); // every thread busy: wait in line (put does not go through offer)
        });
  }

  /** Executes {@code call}; any answer, successful or not, is returned. */
  static <T> Response<T> send(Call<T> call) {
    try {
      return call.execute();
    } catch (Carried e) {
      throw e.carried();
    } catch (IOException | JsonDataException e) {
      throw failure(call.request(), e);
    }
  }

  /**
   * Sends {@code call} on OkHttp's dispatcher without holding the caller's thread. The future
   * completes with the body (null only for 204) or fails with a {@link OneViewException};
   * cancelling it cancels the call. Dependent stages without an executor run on an OkHttp thread.
   */
  static <T> CompletableFuture<T> bodyAsync(Call<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    call.enqueue(new Callback<T>() {
      @Override
      public void onResponse(Call<T> c, Response<T> response) {
        if (response.isSuccessful()) {
          result.complete(response.body());
        } else {
          result.completeExceptionally(error(response));
        }
      }

      @Override
      public void onFailure(Call<T> c, Throwable t) {
        result.completeExceptionally(t instanceof Carried carried ? carried.carried()
            : t instanceof OneViewException e ? e : failure(c.request(), t));
      }
    });
    result.whenComplete((body, failure) -> {
      if (result.isCancelled()) call.cancel();
    });
    return result;
  }

  /**
   * The outermost interceptor: an unchecked exception thrown inside the interceptor chain (such as
   * {@link AuthenticationException} from logging in) travels out as a {@link Carried} IOException,
   * because OkHttp turns an unchecked exception in an asynchronous call into a bare "canceled" and
   * rethrows it on its own thread. {@link #send} and {@link #bodyAsync} unwrap it again.
   */
  static final Interceptor CARRY = chain -> {
    try {
      return chain.proceed(chain.request());
    } catch (RuntimeException e) {
      throw new Carried(e);
    }
  };

  /** An unchecked exception from the interceptor chain, carried as an IOException. */
  static final class Carried extends IOException {
    private static final long serialVersionUID = 1L;

    Carried(RuntimeException e) {
      super(e.getMessage(), e);
    }

    RuntimeException carried() {
      return (RuntimeException) getCause();
    }
  }

  /** The exception for a request that got no usable answer. */
  static OneViewException failure(Request request, Throwable e) {
    if (e instanceof javax.net.ssl.SSLHandshakeException || e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
      return new OneViewException(describe(request) + " failed: the appliance's TLS certificate "
          + "is not trusted (" + e.getMessage() + "); trust the appliance's CA certificate (or its own "
          + "certificate) explicitly", e);
    }
    if (e instanceof JsonDataException) {
      return new OneViewException(describe(request) + " answered unreadable JSON: " + e.getMessage(), e);
    }
    if (inProxyTunnel(e)) {
      return new OneViewException(describe(request) + " failed: the HTTP proxy did not open a tunnel to the "
          + "appliance (" + e + ")", e);
    }
    return new OneViewException(describe(request) + " failed: " + e, e);
  }

  /**
   * Whether {@code e} ended OkHttp's CONNECT exchange with the proxy: a proxy that hangs up there
   * shows only as "unexpected end of stream on https://appliance/...", which blames the appliance.
   * OkHttp says so nowhere but in where it failed (a 407 it reports itself).
   */
  private static boolean inProxyTunnel(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getMethodName().equals("createTunnel")
          && frame.getClassName().startsWith("okhttp3.internal.connection.")) {
        return true;
      }
    }
    return false;
  }

  /** {@code future}'s value; its failure rethrown as the {@link OneViewException} it carries. */
  static <T> T join(CompletableFuture<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new OneViewException("Interrupted while " + what, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw unwrap(e.getCause(), what);
    } catch (java.util.concurrent.CancellationException e) {
      throw new OneViewException(what + " was cancelled", e);
    }
  }

  /** A failure of an asynchronous stage as the unchecked exception to throw. */
  static RuntimeException unwrap(Throwable failure, String what) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException
        || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) return runtime;
    if (cause instanceof Error error) throw error;
    return new OneViewException(what + " failed: " + cause, cause);
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
    return taskOf(response, readObject(response));
  }

  /**
   * Executes a change that the appliance may make asynchronously (202 and a task) or at once (200,
   * 201 or 204, perhaps with the resource): the task, or {@link Task#synchronous} naming the
   * resource the answer names (its {@code uri}, else a {@code Location} outside /rest/tasks).
   */
  static Task change(Call<ResponseBody> call) {
    Response<ResponseBody> response = send(call);
    if (!response.isSuccessful()) throw error(response);
    Map<String, Object> body = readObject(response);
    String location = location(response);
    boolean taskAnswer = response.code() == 202 || (body != null && Task.looksLikeTask(body))
        || (location != null && location.startsWith("/rest/tasks/"));
    if (taskAnswer) return taskOf(response, body);
    String resourceUri = body == null ? null : Json.string(body, "uri");
    if (resourceUri == null) resourceUri = location;
    return Task.synchronous(response.raw().request().url().encodedPath(), resourceUri);
  }

  /** The answer's body as a JSON object, or null when it is empty or not an object. */
  private static Map<String, Object> readObject(Response<ResponseBody> response) {
    Request request = response.raw().request();
    try (ResponseBody raw = response.body()) {
      String text = raw == null ? "" : raw.string();
      return text.isBlank() ? null : Json.parseObject(text);
    } catch (IOException e) {
      throw new OneViewException(describe(request) + " failed reading the answer: " + e, e);
    } catch (IllegalArgumentException e) {
      return null; // Not a JSON object: only the Location header can name the task.
    }
  }

  /** The path of the answer's {@code Location} (or {@code X-Task-Uri}) header, or null. */
  private static String location(Response<ResponseBody> response) {
    String location = response.headers().get("Location");
    if (location == null) location = response.headers().get("X-Task-Uri");
    return location == null || location.isBlank() ? null : resourcePath(location);
  }

  private static Task taskOf(Response<ResponseBody> response, Map<String, Object> body) {
    Request request = response.raw().request();
    String uri = location(response);
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
