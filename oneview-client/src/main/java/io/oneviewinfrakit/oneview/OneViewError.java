package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;

/**
 * An error as OneView reports it, in an HTTP error body or in a task's {@code taskErrors}.
 *
 * @param errorCode OneView's code, such as {@code "AUTHN_SESSION_CLIENT_LIMIT_CROSSED"}, or null.
 * @param message the human-readable message, or null.
 * @param details more detail, or null.
 * @param recommendedActions what the appliance suggests doing next; possibly empty (null reads as
 *     empty).
 * @param nestedErrors errors that caused this one; possibly empty (null reads as empty).
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
    // Absent in many error bodies; Moshi passes null for them.
    recommendedActions = ModelJson.nonNulls(recommendedActions);
    nestedErrors = ModelJson.nonNulls(nestedErrors);
  }

  /** Reads an error from a parsed OneView {@code ErrorMessage} object. */
  static OneViewError fromJson(Map<String, Object> json) {
    return ModelJson.ERROR.decode(json);
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

  /** A builder for an {@code OneViewError}, for tests and fakes; {@link #toBuilder()} starts from an existing one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this {@code OneViewError}'s values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.errorCode = errorCode;
    builder.message = message;
    builder.details = details;
    builder.recommendedActions = recommendedActions;
    builder.nestedErrors = nestedErrors;
    builder.errorSource = errorSource;
    return builder;
  }

  /**
   * Builds a {@link OneViewError}. Fields OneView adds in later versions get a setter here, so code that
   * builds models this way keeps compiling. Not thread-safe.
   */
  public static final class Builder {
    private String errorCode;
    private String message;
    private String details;
    private List<String> recommendedActions = List.of();
    private List<OneViewError> nestedErrors = List.of();
    private String errorSource;

    private Builder() {}

    public Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder details(String details) {
      this.details = details;
      return this;
    }

    public Builder recommendedActions(List<String> recommendedActions) {
      this.recommendedActions = recommendedActions;
      return this;
    }

    public Builder nestedErrors(List<OneViewError> nestedErrors) {
      this.nestedErrors = nestedErrors;
      return this;
    }

    public Builder errorSource(String errorSource) {
      this.errorSource = errorSource;
      return this;
    }

    /** The {@code OneViewError}. */
    public OneViewError build() {
      return new OneViewError(errorCode, message, details, recommendedActions, nestedErrors, errorSource);
    }
  }
}
