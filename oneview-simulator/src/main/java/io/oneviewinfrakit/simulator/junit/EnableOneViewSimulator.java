package io.oneviewinfrakit.simulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a fresh {@link io.oneviewinfrakit.simulator.OneViewSimulator} before each test, injects
 * it into every non-static field of that type, and closes it after the test.
 *
 * <p>For example:
 *
 * <pre>{@code
 * @EnableOneViewSimulator(servers = 4)
 * class ProvisioningTest {
 *   OneViewSimulator sim;
 *
 *   @Test
 *   void listsServers() {
 *     assertThat(sim.serverHardware()).hasSize(4);
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OneViewSimulatorExtension.class)
public @interface EnableOneViewSimulator {
  /** Servers in the standard inventory. */
  int servers() default 16;

  /** Serve plain HTTP instead of HTTPS. */
  boolean http() default false;

  /** Seed for generated ids and random faults. */
  long seed() default 1;

  /** Also serve the State-Change Message Bus ({@link io.oneviewinfrakit.simulator.OneViewSimulator.Builder#scmb}). */
  boolean scmb() default false;
}
