package io.oneviewinfrakit.infrakit.spi;

/**
 * Optional capability of a plugin: who makes it. Shown by {@code GET /info/api.json}
 * ({@code infrakit ... info}); the server detects it with {@code instanceof}.
 */
public interface Vendor {
  VendorInfo vendorInfo();
}
