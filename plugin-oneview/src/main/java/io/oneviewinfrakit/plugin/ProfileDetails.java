package io.oneviewinfrakit.plugin;

import io.oneviewinfrakit.oneview.BootMode;
import io.oneviewinfrakit.oneview.Connection;
import io.oneviewinfrakit.oneview.Firmware;
import io.oneviewinfrakit.oneview.ServerProfile;
import io.oneviewinfrakit.oneview.TemplateCompliance;
import java.util.List;

/**
 * The sections of an owned profile that {@code Properties} reports besides its identity: network
 * connections with their MACs, boot settings, firmware baseline and template compliance. Kept apart
 * from {@link ProfileView} so the listing logic does not depend on them.
 *
 * @param connections the profile's connections (network URI, port, MAC)
 * @param bootMode the boot mode ("UEFI", "BIOS", ...), null when the profile does not manage it
 * @param bootOrder the boot order, empty when not managed
 * @param manageFirmware whether OneView installs a firmware baseline on the server
 * @param firmwareBaselineUri the baseline, null when none
 * @param templateCompliance "Compliant", "NonCompliant" or "Unknown"
 */
record ProfileDetails(
    List<ConnectionView> connections,
    String bootMode,
    List<String> bootOrder,
    boolean manageFirmware,
    String firmwareBaselineUri,
    String templateCompliance) {

  static final ProfileDetails NONE = new ProfileDetails(List.of(), null, List.of(), false, null, null);

  /** One connection of a profile. */
  record ConnectionView(Integer id, String networkUri, String portId, String mac) {}

  ProfileDetails {
    connections = connections == null ? List.of() : List.copyOf(connections);
    bootOrder = bootOrder == null ? List.of() : List.copyOf(bootOrder);
  }

  static ProfileDetails of(ServerProfile p) {
    List<ConnectionView> connections = p.connections().stream()
        .map((Connection c) -> new ConnectionView(c.id(), c.networkUri(), c.portId(), c.mac()))
        .toList();
    BootMode mode = p.bootMode();
    Firmware firmware = p.firmware();
    TemplateCompliance compliance = p.templateCompliance();
    return new ProfileDetails(connections,
        mode == null || !mode.manageMode() ? null : mode.mode().wireName(),
        p.manageBoot() ? p.bootOrder() : List.of(),
        firmware != null && firmware.manageFirmware(),
        firmware == null ? null : firmware.firmwareBaselineUri(),
        compliance == null ? null : compliance.wireName());
  }
}
