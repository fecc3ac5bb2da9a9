/**
 * JUnit 5 support: {@link io.oneviewinfrakit.simulator.junit.EnableOneViewSimulator} starts a
 * simulator per test and injects it.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package io.oneviewinfrakit.simulator.junit;
