package io.oneviewinfrakit.infrakit.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.newsclub.net.unix.AFSocketFactory;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** Raw HTTP over a Unix socket, to send exactly the bytes a test wants (as the Go client would). */
final class UnixHttp implements AutoCloseable {
  record Answer(int status, String contentType, String body) {}

  private final OkHttpClient http;

  UnixHttp(Path socket) {
    try {
      http = new OkHttpClient.Builder()
          .socketFactory(new AFSocketFactory.FixedAddressSocketFactory(AFUNIXSocketAddress.of(socket)))
          .dns(host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
          .callTimeout(30, TimeUnit.SECONDS)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer post(String body) {
    return post("/", body.getBytes(StandardCharsets.UTF_8));
  }

  Answer post(String path, byte[] body) {
    return send(new Request.Builder().url("http://h" + path)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build());
  }

  /** POST with exactly this Content-Type header, or none when {@code contentType} is null. */
  Answer postAs(String contentType, String body) {
    Request.Builder request = new Request.Builder().url("http://h/")
        .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), null));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  Answer get(String path) {
    return send(new Request.Builder().url("http://h" + path).get().build());
  }

  private Answer send(Request request) {
    try (Response r = http.newCall(request).execute()) {
      return new Answer(r.code(), r.header("Content-Type"), r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
