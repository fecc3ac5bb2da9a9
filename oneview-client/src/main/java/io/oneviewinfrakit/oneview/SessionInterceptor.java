package io.oneviewinfrakit.oneview;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds {@code X-API-Version}, {@code Accept} and the session's {@code auth} header to every call. Thread-safe. */
final class SessionInterceptor implements Interceptor {
  private final ApiVersions apiVersions;
  private final Session session;

  SessionInterceptor(ApiVersions apiVersions, Session session) {
    this.apiVersions = apiVersions;
    this.session = session;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request().newBuilder()
        .header("X-API-Version", Integer.toString(apiVersions.version()))
        .header("Accept", "application/json")
        .header("auth", session.token())
        .build();
    return chain.proceed(request);
  }
}
