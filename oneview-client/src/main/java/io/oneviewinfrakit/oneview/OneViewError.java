package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error as OneView reports it, in an HTTP error body or in a task's {@code taskErrors}.
 *
 * @param errorCode OneView's code, such as {@code "AUTHN_SESSION_CLIENT_LIMIT_CROSSED"}, or null.
 * @param message the human-readable message, or null.
 * @param details more detail, or null.
 * @param recommendedActions what the appliance suggests doing next; possibly empty.
 * @param nestedErrors errors that caused this one; possibly empty.
 * @param errorSource the resource or attribute the error is about, or null.
 */
public record OneViewError(
    String errorCode,
    String message,
    String details,
    List<String> recommendedActions,
    List<OneViewError> nestedErrors,
    String errorSource) {

  public OneViewError {
    recommendedActions = List.copyOf(Objects.requireNonNull(recommendedActions, "recommendedActions == null"));
    nestedErrors = List.copyOf(Objects.requireNonNull(nestedErrors, "nestedErrors == null"));
  }

  /** Reads an error from a parsed OneView {@code ErrorMessage} object. */
  static OneViewError fromJson(Map<String, Object> json) {
    List<OneViewError> nested = new ArrayList<>();
    for (Map<String, Object> n : Json.objects(json, "nestedErrors")) {
      nested.add(fromJson(n));
    }
    return new OneViewError(
        Json.string(json, "errorCode"),
        Json.string(json, "message"),
        Json.string(json, "details"),
        Json.strings(json, "recommendedActions"),
        nested,
        Json.string(json, "errorSource"));
  }

  /** True if {@code json} looks like an {@code ErrorMessage}: it has an error code or a message. */
  static boolean looksLikeError(Map<String, Object> json) {
    return json.get("errorCode") != null || (json.get("message") != null && json.get("uri") == null);
  }

  /** "errorCode: message", or whichever of the two is present. */
  String summary() {
    if (errorCode != null && message != null) return errorCode + ": " + message;
    if (message != null) return message;
    if (errorCode != null) return errorCode;
    return details != null ? details : "(no error details)";
  }
}
