package io.oneviewinfrakit.infrakit.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request's body without holding a pool thread, then hands the request, body in memory, to
 * the (blocking) handler it wraps. Jetty parses headers asynchronously, so a client that trickles
 * its headers or its body costs a connection, never one of the pool threads normal calls need. At
 * most {@code maxRequestBytes + 1} bytes are kept (enough for the handler to see the body is too
 * large); the rest is read and dropped, up to 16 times the limit, beyond which the connection is
 * failed.
 */
final class BodyFirst extends Handler.Wrapper {
  private final int maxRequestBytes;

  BodyFirst(Handler handler, int maxRequestBytes) {
    super(handler);
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getLength() == 0 || !HttpMethod.POST.is(request.getMethod())) {
      return super.handle(request, response, callback);
    }
    new Reader(request, response, callback).run();
    return true;
  }

  private final class Reader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long dropLimit = 16L * maxRequestBytes;
    private long read;

    Reader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    @Override
    public void run() {
      try {
        while (true) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this); // no thread waits: Jetty runs this again on a pool thread when bytes arrive
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            callback.failed(chunk.getFailure());
            return;
          }
          ByteBuffer bytes = chunk.getByteBuffer();
          int n = bytes.remaining();
          int keep = (int) Math.max(0, Math.min(n, maxRequestBytes + 1L - kept.size()));
          if (keep > 0) {
            byte[] copy = new byte[keep];
            bytes.get(copy);
            kept.write(copy, 0, keep);
          }
          read += n;
          boolean last = chunk.isLast();
          chunk.release();
          if (last) {
            serve();
            return;
          }
          if (read > dropLimit) {
            callback.failed(new IOException("request body exceeds " + dropLimit + " bytes"));
            return;
          }
        }
      } catch (Throwable t) {
        callback.failed(t);
      }
    }

    private void serve() throws Exception {
      byte[] body = kept.toByteArray();
      Request buffered = new Request.Wrapper(request) {
        private boolean consumed;

        @Override
        public Content.Chunk read() {
          if (consumed) {
            return Content.Chunk.EOF;
          }
          consumed = true;
          return Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
          demandCallback.run();
        }
      };
      if (!BodyFirst.super.handle(buffered, response, callback)) {
        Response.writeError(buffered, response, callback, HttpStatus.NOT_FOUND_404);
      }
    }
  }
}
