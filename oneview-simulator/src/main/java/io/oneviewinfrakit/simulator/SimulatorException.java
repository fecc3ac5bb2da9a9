package io.oneviewinfrakit.simulator;

import java.util.List;
import java.util.Map;

/**
 * A request the simulated appliance refuses; {@link ErrorBodies} renders it as a OneView
 * ErrorMessage, the only place error bodies are built.
 */
final class SimulatorException extends RuntimeException {
  private final int status;
  private final String errorCode;
  private final String details;
  private final List<String> recommendedActions;
  private final java.util.Map<String, Object> data;
  private final List<String> messageParameters;

  SimulatorException(int status, String errorCode, String message) {
    this(status, errorCode, message, "", List.of());
  }

  SimulatorException(int status, String errorCode, String message, String details,
      List<String> recommendedActions) {
    this(status, errorCode, message, details, recommendedActions, Map.of());
  }

  SimulatorException(int status, String errorCode, String message, String details,
      List<String> recommendedActions, java.util.Map<String, Object> data) {
    this(status, errorCode, message, details, recommendedActions, data, List.of());
  }

  SimulatorException(int status, String errorCode, String message, String details,
      List<String> recommendedActions, java.util.Map<String, Object> data,
      List<String> messageParameters) {
    super(message);
    this.messageParameters = List.copyOf(messageParameters);
    this.status = status;
    this.errorCode = errorCode;
    this.details = details;
    this.recommendedActions = List.copyOf(recommendedActions);
    this.data = Map.copyOf(data);
  }

  /** The values substituted into the message, in order (ErrorMessage {@code messageParameters}). */
  List<String> messageParameters() {
    return messageParameters;
  }

  java.util.Map<String, Object> data() {
    return data;
  }

  int status() {
    return status;
  }

  String errorCode() {
    return errorCode;
  }

  String details() {
    return details;
  }

  List<String> recommendedActions() {
    return recommendedActions;
  }

  static SimulatorException notFound(String uri) {
    return new SimulatorException(404, "RESOURCE_NOT_FOUND",
        "Resource not found.", "The resource " + uri + " does not exist.",
        List.of("Verify the URI and try again."));
  }

  static SimulatorException badRequest(String errorCode, String message) {
    return new SimulatorException(400, errorCode, message, "",
        List.of("Verify parameters and try again."));
  }

  static SimulatorException conflict(String errorCode, String message) {
    return new SimulatorException(409, errorCode, message, "",
        List.of("Wait for the resource to reach a stable state, then retry."));
  }
}
