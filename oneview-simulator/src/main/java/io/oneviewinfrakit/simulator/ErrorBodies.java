package io.oneviewinfrakit.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds OneView ErrorMessage documents (the shape of fixtures/github-issues/error-*.json). */
final class ErrorBodies {
  private ErrorBodies() {}

  /**
   * The body of an HTTP error answer. Appliances since OneView 5 add {@code messageParameters}
   * (the values substituted into {@code message}; fixture github-issues/error-session-client-limit
   * .json), so HTTP errors carry it; task errors keep the older shape of the task captures.
   */
  static Map<String, Object> of(SimulatorException e) {
    return http(e.errorCode(), e.getMessage(), e.details(), e.recommendedActions(), e.data(),
        e.messageParameters());
  }

  static Map<String, Object> http(String errorCode, String message, String details,
      List<String> recommendedActions, Map<String, Object> data, List<String> messageParameters) {
    Map<String, Object> body = of(errorCode, message, details, recommendedActions, data);
    body.put("messageParameters", List.copyOf(messageParameters));
    return body;
  }

  static Map<String, Object> of(String errorCode, String message, String details,
      List<String> recommendedActions, Map<String, Object> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errorCode", errorCode);
    body.put("message", message);
    body.put("details", details);
    body.put("recommendedActions", List.copyOf(recommendedActions));
    body.put("nestedErrors", List.of());
    body.put("errorSource", null);
    body.put("data", new LinkedHashMap<>(data));
    return body;
  }

  static SimulatorException authorization() {
    return new SimulatorException(401, "AUTHORIZATION",
        "Authorization error: User not authorized for this operation.",
        "User not authorized for this operation.",
        List.of("Please verify your credentials and re-authenticate before attempting the operation again."));
  }

  /**
   * 403 for a change asked by a user whose role may only read: the appliance's AUTHORIZATION error
   * (fixture github-issues/error-authorization.json; the 403 "insufficient privileges" case of the
   * REST reference's response codes).
   */
  static SimulatorException forbidden(String method, String path) {
    return new SimulatorException(403, "AUTHORIZATION",
        "Authorization error: User not authorized for this operation.",
        "User not authorized for this operation.",
        List.of("Log in as a user with a role that may change this resource, then try " + method + " "
            + path + " again."));
  }

  static SimulatorException injected(int status) {
    return status == 503
        ? new SimulatorException(503, "SERVICE_UNAVAILABLE",
            "The appliance is temporarily unable to service the request.",
            "Temporary overload or maintenance (simulated fault).", List.of("Retry the request later."))
        : new SimulatorException(status, "INTERNAL_ERROR",
            "An internal error occurred.", "Simulated fault.", List.of("Retry the request later."));
  }
}
