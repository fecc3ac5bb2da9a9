/**
 * A stateful fake HPE OneView appliance served over real HTTPS, for tests and demos; start with
 * {@link io.oneviewinfrakit.simulator.OneViewSimulator#builder()}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package io.oneviewinfrakit.simulator;
