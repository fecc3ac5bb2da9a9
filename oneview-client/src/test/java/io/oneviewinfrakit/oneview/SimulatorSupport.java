package io.oneviewinfrakit.oneview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import io.oneviewinfrakit.simulator.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers for the end-to-end tests that drive the SDK against a real {@link OneViewSimulator}. */
final class SimulatorSupport {
  static final String BLADE_TEMPLATE = "Docker-Gen8-Template";
  static final String RACK_TEMPLATE = "Rack-DL360-Template";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private SimulatorSupport() {}

  /**
   * An SDK builder for {@code sim} over HTTPS trusting exactly the simulator's certificate, with
   * millisecond task polling and retry backoff so the suite stays fast.
   */
  static OneView.Builder sdk(OneViewSimulator sim) {
    return OneView.builder()
        .url(sim.url())
        .credentials(sim.username(), sim.password().toCharArray())
        .trust(sim.certificatePem())
        .taskPolling(Duration.ofMillis(1), Duration.ofMillis(20))
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  /** The exception {@code call} throws, asserting it is a {@code type}. */
  static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type);
    return type.cast(thrown);
  }

  /** Requests in the simulator's log with this method whose path equals {@code path}. */
  static List<RecordedRequest> requests(OneViewSimulator sim, String method, String path) {
    return sim.requests().matching(method, path);
  }

  /** How many logins the simulator saw. */
  static int logins(OneViewSimulator sim) {
    return sim.requests().count("POST", "/rest/login-sessions");
  }

  /** One request as the SDK put it on the wire (after its own interceptors). */
  record Sent(String method, String path, String apiVersion, String ifMatch, String body, int status,
      String responseBody) {}

  /**
   * Records every exchange the SDK has, with the request's final headers and body and the
   * response's status and body: installed as a network
   * interceptor of the base client handed to {@link OneView.Builder#client}.
   */
  static final class Wire implements Interceptor {
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Sent> listener;

    Wire() {
      this(exchange -> {});
    }

    /** Also hands each exchange to {@code listener}, on the calling thread, once it completed. */
    Wire(Consumer<Sent> listener) {
      this.listener = listener;
    }

    OkHttpClient client() {
      return new OkHttpClient.Builder().addNetworkInterceptor(this).build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      String body = null;
      if (request.body() != null) {
        Buffer buffer = new Buffer();
        request.body().writeTo(buffer);
        body = buffer.readUtf8();
      }
      Response response = chain.proceed(request);
      Sent exchange = new Sent(request.method(), request.url().encodedPath(), request.header("X-API-Version"),
          request.header("If-Match"), body, response.code(), response.peekBody(1 << 20).string());
      sent.add(exchange);
      listener.accept(exchange);
      return response;
    }

    List<Sent> matching(String method, String path) {
      return sent.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }
  }
}
