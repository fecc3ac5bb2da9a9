/**
 * Subscriber for the HPE OneView State-Change Message Bus (SCMB); start at {@link
 * io.oneviewinfrakit.oneview.scmb.ScmbSubscriber}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.oneviewinfrakit.oneview.scmb;
