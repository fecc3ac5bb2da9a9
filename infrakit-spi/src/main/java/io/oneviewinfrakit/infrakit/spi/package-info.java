/**
 * The InfraKit instance-plugin SPI: the {@link io.oneviewinfrakit.infrakit.spi.InstancePlugin} interface and
 * the plain value types it exchanges, free of any transport concern (the JSON-RPC adapter lives in
 * {@code io.oneviewinfrakit.infrakit.rpc}).
 *
 * <p>Every parameter and return value is non-null unless its documentation says otherwise.
 */
package io.oneviewinfrakit.infrakit.spi;
