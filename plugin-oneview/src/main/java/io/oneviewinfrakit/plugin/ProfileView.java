package io.oneviewinfrakit.plugin;

/**
 * A server profile as the plugin needs it.
 *
 * @param uri the profile URI
 * @param name the profile name (display only; identity is the envelope's instance ID)
 * @param description the raw description, where the ownership envelope lives
 * @param state the profile state ("Normal", "Creating", ...), may be null
 * @param status the profile status ("OK", "Critical", ...), may be null
 * @param serverHardwareUri the hardware it is applied to, may be null
 * @param templateUri the template it was created from, may be null
 * @param taskUri the profile's latest task, may be null
 * @param details connections, boot, firmware and compliance (for Properties), never null
 */
record ProfileView(
    String uri,
    String name,
    String description,
    String state,
    String status,
    String serverHardwareUri,
    String templateUri,
    String taskUri,
    ProfileDetails details) {

  ProfileView {
    details = details == null ? ProfileDetails.NONE : details;
  }

  /** A profile without the reported sections (callers that only need its identity and state). */
  ProfileView(String uri, String name, String description, String state, String status,
      String serverHardwareUri, String templateUri, String taskUri) {
    this(uri, name, description, state, status, serverHardwareUri, templateUri, taskUri, null);
  }

  /** Whether OneView is deleting it (a delete task of this or an earlier plugin run). */
  boolean isBeingDeleted() {
    return "Deleting".equalsIgnoreCase(state);
  }
}
