package io.oneviewinfrakit.plugin;

import java.util.List;
import java.util.Set;

/**
 * The {@code Boot} instance property: the boot mode and boot order written into each profile built
 * from the template (Ironic's management interface set them per node; here they are per group).
 *
 * @param mode "UEFI", "UEFIOptimized" or "BIOS" (OneView's spelling), or null to keep the template's
 * @param order boot devices in order, e.g. ["PXE", "HardDisk"], or null to keep the template's
 */
record BootSettings(String mode, List<String> order) {

  static final List<String> MODES = List.of("UEFI", "UEFIOptimized", "BIOS");
  /** The devices OneView accepts in {@code boot.order}. */
  static final Set<String> DEVICES = Set.of("PXE", "HardDisk", "CD", "USB", "Floppy", "FibreChannelHba");

  BootSettings {
    order = order == null ? null : List.copyOf(order);
  }
}
