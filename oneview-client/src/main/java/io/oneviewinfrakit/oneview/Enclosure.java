package io.oneviewinfrakit.oneview;

import java.util.Map;

/**
 * An enclosure ({@code /rest/enclosures/{id}}): a chassis of device bays whose blades are server
 * hardware. Read from the appliance; unmodelled fields are in {@link OneView#resources}' documents.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uri the enclosure's URI.
 * @param name its name, such as {@code "Encl1"}.
 * @param serialNumber its serial number, or null.
 * @param enclosureType such as {@code "C7000"} or {@code "SY12000"}, or null.
 * @param enclosureTypeUri its enclosure type, or null.
 * @param enclosureGroupUri the group it belongs to, or null.
 * @param state such as {@code "Configured"} or {@code "Monitored"}, or null.
 * @param status health, such as {@code "OK"} or {@code "Warning"}, or null.
 * @param deviceBayCount how many device bays it has, or null.
 * @param eTag its version, or null.
 */
public record Enclosure(String uri, String name, String serialNumber, String enclosureType, String enclosureTypeUri,
    String enclosureGroupUri, String state, String status, Integer deviceBayCount, String eTag) {

  static final ModelJson.Binding<Enclosure> DECODER =
      new ModelJson.Binding<>(Enclosure.class, "enclosure", Enclosure::uri);

  /** The enclosure a JSON document describes, as a GET returns it; values must be JSON values. */
  static Enclosure fromJson(Map<String, Object> json) {
    return DECODER.decode(json);
  }
}
