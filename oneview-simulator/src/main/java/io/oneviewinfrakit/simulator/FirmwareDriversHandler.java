package io.oneviewinfrakit.simulator;

/**
 * {@code /rest/firmware-drivers}: the firmware bundles (baselines) profiles and templates name in
 * {@code firmware.firmwareBaselineUri}; listed and read, never uploaded.
 */
final class FirmwareDriversHandler extends ResourceHandler {
  FirmwareDriversHandler(Appliance a) {
    super(a);
  }

  @Override
  public ApiResponse handle(ApiRequest r, String[] seg, int version) {
    return a.listings().readOnly(r, r.method(), seg, a.store("firmware-drivers"), version);
  }
}
