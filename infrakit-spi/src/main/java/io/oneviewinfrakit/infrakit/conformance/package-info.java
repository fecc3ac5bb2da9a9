/**
 * A reusable conformance check of the behaviours InfraKit's group controller relies on
 * ({@link io.oneviewinfrakit.infrakit.conformance.InstancePluginConformance}), and an in-memory reference
 * plugin that passes it ({@link io.oneviewinfrakit.infrakit.conformance.InMemoryInstancePlugin}).
 *
 * <p>Every parameter and return value is non-null unless its documentation says otherwise.
 */
package io.oneviewinfrakit.infrakit.conformance;
