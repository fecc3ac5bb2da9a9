package io.oneviewinfrakit.oneview;

import java.util.Map;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the {@code X-API-Version} once per client, from {@code GET /rest/version} and the pinned
 * version if any. Thread-safe; a failed attempt is retried on the next call.
 */
final class ApiVersions {
  private static final Logger log = LoggerFactory.getLogger(OneView.class);

  private final OneViewApi api;
  private final Integer pinned;
  private final HttpUrl url;
  private volatile Integer version;

  ApiVersions(OneViewApi api, Integer pinned, HttpUrl url) {
    this.api = api;
    this.pinned = pinned;
    this.url = url;
  }

  int version() {
    Integer result = version;
    if (result != null) return result;
    synchronized (this) {
      if (version == null) version = negotiate();
      return version;
    }
  }

  private int negotiate() {
    Map<String, Object> body = Http.body(api.version());
    Long current = body == null ? null : Json.longValue(body, "currentVersion");
    Long minimum = body == null ? null : Json.longValue(body, "minimumVersion");
    if (current == null) {
      throw new OneViewException("GET /rest/version at " + url + " did not report currentVersion");
    }
    long lowest = minimum == null ? 1 : minimum;
    if (pinned != null) {
      if (pinned < lowest || pinned > current) {
        throw new OneViewException("API version " + pinned + " is not supported by the appliance at " + url
            + ", which supports versions " + lowest + " to " + current);
      }
      log.debug("Using pinned API version {} (appliance supports {} to {})", pinned, lowest, current);
      return pinned;
    }
    long chosen = Math.min(current, OneView.MAX_KNOWN_API_VERSION);
    if (chosen < lowest) {
      throw new OneViewException("The appliance at " + url + " requires API version " + lowest
          + " or newer, but this SDK knows versions up to " + OneView.MAX_KNOWN_API_VERSION
          + "; pin a version with apiVersion(int) to try anyway");
    }
    log.debug("Negotiated API version {} (appliance supports {} to {})", chosen, lowest, current);
    return (int) chosen;
  }

  /**
   * The {@code type} to send in server profile bodies at {@code apiVersion}, or null from 1600 on,
   * where OneView no longer requires it.
   */
  static String serverProfileType(int apiVersion) {
    if (apiVersion >= 1600) return null;
    if (apiVersion >= 1200) return "ServerProfileV11";
    if (apiVersion >= 1000) return "ServerProfileV10";
    if (apiVersion >= 800) return "ServerProfileV9";
    if (apiVersion >= 600) return "ServerProfileV8";
    if (apiVersion >= 500) return "ServerProfileV7";
    if (apiVersion >= 300) return "ServerProfileV6";
    return "ServerProfileV5";
  }

  /** The {@code type} a server profile template POST/PUT carries at {@code apiVersion}; null from 1600 on. */
  static String serverProfileTemplateType(int apiVersion) {
    if (apiVersion >= 1600) return null;
    if (apiVersion >= 1200) return "ServerProfileTemplateV7";
    if (apiVersion >= 1000) return "ServerProfileTemplateV6";
    if (apiVersion >= 800) return "ServerProfileTemplateV5";
    if (apiVersion >= 600) return "ServerProfileTemplateV4";
    if (apiVersion >= 500) return "ServerProfileTemplateV3";
    if (apiVersion >= 300) return "ServerProfileTemplateV2";
    return "ServerProfileTemplateV1";
  }

  /** The {@code type} an FCoE network POST carries at {@code apiVersion}; null from 1600 on. */
  static String fcoeNetworkType(int apiVersion) {
    if (apiVersion >= 1600) return null;
    if (apiVersion >= 600) return "fcoe-networkV4";
    if (apiVersion >= 300) return "fcoe-networkV300";
    return "fcoe-network";
  }

  /** The {@code type} a scope POST/PUT carries at {@code apiVersion}. */
  static String scopeType(int apiVersion) {
    if (apiVersion >= 800) return "ScopeV3";
    if (apiVersion >= 500) return "ScopeV2";
    return "Scope";
  }

  /**
   * The {@code type} to send when creating an Ethernet network at {@code apiVersion}, or null from
   * 1600 on (oneview-python's {@code EthernetNetworks.DEFAULT_VALUES}).
   */
  static String ethernetNetworkType(int apiVersion) {
    if (apiVersion >= 1600) return null;
    if (apiVersion >= 600) return "ethernet-networkV4";
    if (apiVersion >= 300) return "ethernet-networkV300";
    return "ethernet-networkV3";
  }

  /**
   * The {@code type} to send when creating a network set at {@code apiVersion}, or null from 1600
   * on (oneview-python's {@code NetworkSets.DEFAULT_VALUES}).
   */
  static String networkSetType(int apiVersion) {
    if (apiVersion >= 1600) return null;
    if (apiVersion >= 1200) return "network-setV5";
    if (apiVersion >= 600) return "network-setV4";
    if (apiVersion >= 300) return "network-setV300";
    return "network-set";
  }
}
