package io.oneviewinfrakit.infrakit.spi;

/**
 * A call to a plugin failed. Thrown by plugins to report a failure whose message should reach the caller,
 * and by the RPC client with the remote error's message.
 */
public class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** JSON-RPC code for a plugin (server) error, the code every plugin failure carries on the wire. */
  public static final int SERVER_ERROR = -32000;

  private final int code;

  public PluginException(String message) {
    this(SERVER_ERROR, message, null);
  }

  public PluginException(String message, Throwable cause) {
    this(SERVER_ERROR, message, cause);
  }

  /**
   * @param code the JSON-RPC error code this failure had, or would have, on the wire
   */
  public PluginException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The JSON-RPC error code: {@link #SERVER_ERROR} for plugin failures, others for protocol errors. */
  public int code() {
    return code;
  }
}
