/**
 * InfraKit's JSON-RPC 2.0 transport for instance plugins: {@link io.oneviewinfrakit.infrakit.rpc.PluginServer}
 * serves any {@link io.oneviewinfrakit.infrakit.spi.InstancePlugin} on a Unix socket, and
 * {@link io.oneviewinfrakit.infrakit.rpc.InstancePluginClient} drives any instance plugin (Go or Java) by
 * socket path. Wire formats and codecs are package-private.
 *
 * <p>Every parameter and return value is non-null unless its documentation says otherwise.
 */
package io.oneviewinfrakit.infrakit.rpc;
