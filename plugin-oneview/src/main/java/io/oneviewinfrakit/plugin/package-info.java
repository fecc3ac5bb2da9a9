/**
 * The InfraKit instance plugin for HPE OneView.
 *
 * <p>{@link io.oneviewinfrakit.plugin.OneViewInstancePlugin} turns server profiles into InfraKit
 * instances; {@link io.oneviewinfrakit.plugin.Main} is the executable that serves it on a Unix socket.
 * Everything else is package-private: the ownership envelope codec, the instance properties parser,
 * the server reservations, the inventory snapshot and the background work. State lives in OneView
 * only (see the module README for the envelope format and the cache rules).
 */
package io.oneviewinfrakit.plugin;
