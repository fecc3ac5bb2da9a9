package io.oneviewinfrakit.plugin;

/**
 * The environment variables the executable reads, named as the original Go plugin named them. Flags
 * override them. The password is only ever read from {@link #PASSWORD} or a file, never a flag, so
 * it never shows in {@code ps}.
 */
final class EnvironmentVariables {

  /** The appliance URL, e.g. {@code https://oneview.example.com}. */
  static final String URL = "INFRAKIT_ONEVIEW_OVURL";
  /** The OneView user name. */
  static final String USER = "INFRAKIT_ONEVIEW_OVUSER";
  /** The OneView password. */
  static final String PASSWORD = "INFRAKIT_ONEVIEW_OVPASS";
  /** The OneView API version to pin; negotiated with the appliance when absent. */
  static final String API_VERSION = "INFRAKIT_ONEVIEW_OVAPI";

  /** The configuration file listing several appliances (as {@code --config}). */
  static final String CONFIG = "INFRAKIT_ONEVIEW_CONFIG";

  private EnvironmentVariables() {}
}
