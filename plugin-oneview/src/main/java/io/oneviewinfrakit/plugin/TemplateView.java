package io.oneviewinfrakit.plugin;

/**
 * A server profile template as the plugin needs it.
 *
 * @param uri the template URI
 * @param name the template name (matched exactly, case-sensitive)
 * @param hardwareTypeUri the server hardware type its profiles need
 * @param enclosureGroupUri the enclosure group its profiles need, null for rack servers
 */
record TemplateView(String uri, String name, String hardwareTypeUri, String enclosureGroupUri) {}
