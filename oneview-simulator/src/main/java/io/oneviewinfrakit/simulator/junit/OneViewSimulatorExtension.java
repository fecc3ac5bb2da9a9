package io.oneviewinfrakit.simulator.junit;

import io.oneviewinfrakit.simulator.OneViewSimulator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Backs {@link EnableOneViewSimulator}: one simulator per test, closed afterwards. */
final class OneViewSimulatorExtension implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OneViewSimulatorExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    EnableOneViewSimulator config = AnnotationSupport
        .findAnnotation(context.getRequiredTestClass(), EnableOneViewSimulator.class)
        .orElseThrow(() -> new IllegalStateException("@EnableOneViewSimulator missing"));
    OneViewSimulator.Builder builder = OneViewSimulator.builder()
        .servers(config.servers())
        .seed(config.seed())
        .scmb(config.scmb());
    if (config.http()) {
      builder.http();
    }
    OneViewSimulator sim = builder.build().start();
    context.getStore(NAMESPACE).put(context.getUniqueId(), sim);
    Object instance = context.getRequiredTestInstance();
    for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == OneViewSimulator.class && !Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          f.set(instance, sim);
        }
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    OneViewSimulator sim = context.getStore(NAMESPACE)
        .remove(context.getUniqueId(), OneViewSimulator.class);
    if (sim != null) {
      sim.close();
    }
  }
}
