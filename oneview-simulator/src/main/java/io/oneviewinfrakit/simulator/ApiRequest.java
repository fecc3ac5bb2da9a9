package io.oneviewinfrakit.simulator;

import java.util.function.Function;

/** One HTTP request as the appliance logic sees it, free of Jetty types. */
record ApiRequest(String method, String path, String rawQuery, QueryString query,
    Function<String, String> headers, String body, String clientIp, String baseUrl) {

  String header(String name) {
    return headers.apply(name);
  }
}
