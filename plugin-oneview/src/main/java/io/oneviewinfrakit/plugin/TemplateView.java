package io.oneviewinfrakit.plugin;

/**
 * A server profile template as the plugin needs it.
 *
 * @param uri the template URI
 * @param name the template name (matched exactly, case-sensitive)
 * @param hardwareTypeUri the server hardware type its profiles need
 * @param enclosureGroupUri the enclosure group its profiles need, null for rack servers
 * @param manageConnections whether its profiles' connections may be managed ({@code Networks})
 * @param manageBootOrder whether it manages the boot order ({@code boot.manageBoot}; {@code Boot.Order})
 * @param manageBootMode whether it manages the boot mode ({@code bootMode.manageMode}; {@code Boot.Mode})
 * @param osDeploymentPlanUri its OS deployment plan ({@code osDeploymentSettings}), null when none
 * @param manageFirmware whether it installs a firmware baseline
 * @param firmwareBaselineUri that baseline, null when none
 */
record TemplateView(
    String uri,
    String name,
    String hardwareTypeUri,
    String enclosureGroupUri,
    boolean manageConnections,
    boolean manageBootOrder,
    boolean manageBootMode,
    String osDeploymentPlanUri,
    boolean manageFirmware,
    String firmwareBaselineUri) {

  /** A template with nothing but its identity and hardware (tests, callers that need no more). */
  TemplateView(String uri, String name, String hardwareTypeUri, String enclosureGroupUri) {
    this(uri, name, hardwareTypeUri, enclosureGroupUri, false, false, false, null, false, null);
  }
}
