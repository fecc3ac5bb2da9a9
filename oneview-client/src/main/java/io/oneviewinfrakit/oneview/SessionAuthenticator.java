package io.oneviewinfrakit.oneview;

import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a 401 by renewing the session and retrying the request once. A second 401 for the same
 * request is returned to the caller rather than looping. Thread-safe.
 */
final class SessionAuthenticator implements Authenticator {
  private final Session session;

  SessionAuthenticator(Session session) {
    this.session = session;
  }

  @Override
  public Request authenticate(Route route, Response response) {
    String rejected = response.request().header("auth");
    if (rejected == null) return null;
    if (response.priorResponse() != null) return null; // Already retried with a renewed session.
    String renewed = session.renew(rejected);
    return response.request().newBuilder().header("auth", renewed).build();
  }
}
