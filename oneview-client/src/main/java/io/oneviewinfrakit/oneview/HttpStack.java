package io.oneviewinfrakit.oneview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP side of one {@link OneView}: the OkHttp client its builder's settings describe (timeouts,
 * connection pool, proxy, trust), and the Retrofit interfaces over it: one without a session for
 * version discovery, login and logout, and the session-carrying one every resource client uses, with
 * its bounded dispatcher.
 */
final class HttpStack {
  private static final Logger log = LoggerFactory.getLogger(OneView.class);

  private final ApiVersions apiVersions;
  private final Session session;
  private final ThreadPoolExecutor httpExecutor;
  private final OneViewApi api;

  HttpStack(OneView.Builder settings, HttpUrl url, OkHttpClient client) {
    RetryInterceptor retry = new RetryInterceptor(settings.maxRetries, settings.retryInitial, settings.retryMax);
    LoggingInterceptor logging = new LoggingInterceptor();
    MoshiConverterFactory converter = MoshiConverterFactory.create(Json.MOSHI).withNullSerialization();

    // Version discovery, login and logout carry no session, so they use a client without one.
    OneViewApi bootstrap = new Retrofit.Builder()
        .baseUrl(url)
        .client(client.newBuilder().addInterceptor(retry).addNetworkInterceptor(logging).build())
        .addConverterFactory(converter)
        .build()
        .create(OneViewApi.class);
    this.apiVersions = new ApiVersions(bootstrap, settings.apiVersion, url);
    this.session = settings.sessionToken != null
        ? Session.external(bootstrap, apiVersions, settings.sessionToken)
        : new Session(bootstrap, apiVersions, settings.userName, settings.password, settings.authLoginDomain);

    // Asynchronous calls (listing pages, task polls) run on OkHttp's dispatcher, bounded to
    // listConcurrency calls in flight on as many threads; no thread waits for another call, so
    // listings may nest and a listing never waits for a free thread held by another listing.
    this.httpExecutor = Http.threadsOnDemand(settings.listConcurrency, 30,
        daemonThreads("oneview-http-"));
    Dispatcher dispatcher = new Dispatcher(httpExecutor);
    dispatcher.setMaxRequests(settings.listConcurrency);
    dispatcher.setMaxRequestsPerHost(settings.listConcurrency);

    OneViewApi api = new Retrofit.Builder()
        .baseUrl(url)
        .client(client.newBuilder()
            .dispatcher(dispatcher)
            .addInterceptor(Http.CARRY)
            .addInterceptor(retry)
            .addInterceptor(new SessionInterceptor(apiVersions, session))
            .authenticator(new SessionAuthenticator(session))
            .addNetworkInterceptor(logging)
            .build())
        .addConverterFactory(converter)
        .build()
        .create(OneViewApi.class);

    this.api = api;
  }

  ApiVersions apiVersions() {
    return apiVersions;
  }

  Session session() {
    return session;
  }

  /** The threads asynchronous calls run on (bounded by listConcurrency). */
  ThreadPoolExecutor httpExecutor() {
    return httpExecutor;
  }

  /** The session-carrying API every resource client uses. */
  OneViewApi api() {
    return api;
  }

  /**
   * The OkHttp client {@code settings} describe for the appliance at {@code base}.
   *
   * @throws IllegalArgumentException if the trusted certificates cannot be read.
   */
  static OkHttpClient httpClient(OneView.Builder settings, HttpUrl base) {
    OkHttpClient client = settings.client;
    Duration connectTimeout = settings.connectTimeout;
    Duration readTimeout = settings.readTimeout;
    java.net.Proxy proxy = settings.proxy;
    OkHttpClient.Builder http;
    if (client != null) {
      http = client.newBuilder();
      if (connectTimeout != null) http.connectTimeout(connectTimeout);
      if (readTimeout != null) http.readTimeout(readTimeout);
    } else {
      http = new OkHttpClient.Builder()
          .connectTimeout(connectTimeout != null ? connectTimeout : Duration.ofSeconds(10))
          .readTimeout(readTimeout != null ? readTimeout : Duration.ofSeconds(60))
          .writeTimeout(readTimeout != null ? readTimeout : Duration.ofSeconds(60))
          // OkHttp's default pool keeps 5 idle connections: after every wave of parallel page
          // requests the rest would close and the next wave would pay new TLS handshakes.
          .connectionPool(new ConnectionPool(idleConnections(settings), settings.keepAlive.toMillis(), TimeUnit.MILLISECONDS));
    }
    // OkHttp would silently re-send a request whose connection dropped after it was sent, POSTs
    // included, and a re-sent POST can create a second profile. RetryInterceptor retries only what
    // is idempotent.
    http.retryOnConnectionFailure(false);
    if (proxy != null) http.proxy(proxy);
    HandshakeCertificates trust = null;
    if (settings.trustPath != null) {
      try {
        trust = Tls.trusting(Files.readString(settings.trustPath, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read trusted certificates from " + settings.trustPath + ": " + e, e);
      }
    } else if (settings.trustPem != null) {
      trust = Tls.trusting(settings.trustPem);
    } else if (settings.trustStore != null) {
      trust = Tls.trusting(settings.trustStore);
    } else if (settings.insecure) {
      log.warn("TLS certificate and host name verification is disabled for {}: "
          + "credentials can be intercepted. Use trust(...) instead of insecure().", base);
      X509TrustManager any = Tls.trustingAnyCertificate();
      http.sslSocketFactory(Tls.socketFactory(any), any);
      http.hostnameVerifier((host, sslSession) -> true);
    }
    if (trust != null) {
      http.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    if (!base.isHttps()) {
      log.warn("Connecting to {} without TLS: credentials are sent in clear text.", base);
    }
    return http.build();
  }

  /** The idle connections to keep in the connection pool this stack makes. */
  private static int idleConnections(OneView.Builder settings) {
    return settings.maxIdleConnections != null ? settings.maxIdleConnections
        : (int) Math.min(Integer.MAX_VALUE, Math.max(16, 2L * settings.listConcurrency));
  }

  /** Threads that never keep the JVM alive, named {@code prefix} and a number. */
  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
