package io.oneviewinfrakit.infrakit.spi;

import java.util.Objects;

/**
 * Names a plugin's maker and version ({@code spi.VendorInfo}).
 *
 * @param name the plugin or vendor name
 * @param version the plugin version
 * @param url where to learn more; may be empty
 */
public record VendorInfo(String name, String version, String url) {
  public VendorInfo {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(url, "url == null");
  }
}
