/**
 * Typed Java client for the HPE OneView REST API; start at {@link io.oneviewinfrakit.oneview.OneView}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.oneviewinfrakit.oneview;
