package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.oneviewinfrakit.infrakit.spi.InstanceDescription;
import io.oneviewinfrakit.infrakit.spi.InstanceId;
import io.oneviewinfrakit.simulator.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Long work shows its progress: a line per step with its elapsed time, percentComplete in Properties. */
class ProgressTest {

  @Test
  void aProvisionReportsTheCreateTasksPercentCompleteAndLogsEachStepWithItsTime() {
    Logger logger = (Logger) LoggerFactory.getLogger(Provisioner.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (PluginHarness h = PluginHarness.start(8, Duration.ofMillis(50))) {
      h.sim.taskDuration(TaskKind.PROFILE_CREATE, Duration.ofSeconds(3));
      InstanceId id = h.provision(Map.of("infrakit.group", "g"));

      PluginHarness.await("percentComplete between 1 and 99 while the profile is created",
          Duration.ofSeconds(30), () -> {
            InstanceDescription d = h.describe(Map.of()).stream().filter(x -> x.id().equals(id))
                .findFirst().orElseThrow();
            String pct = Json.field(d.properties(), "percentComplete");
            return "CreatingProfile".equals(Json.field(d.properties(), "phase")) && pct != null
                && Double.parseDouble(pct) > 0 && Double.parseDouble(pct) < 100;
          });
      PluginHarness.await("Running", Duration.ofSeconds(30), () -> h.settled(1));
      assertThat(Json.field(h.describe(Map.of()).get(0).properties(), "percentComplete")).isNull();

      List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.startsWith("Instance " + id.value())).toList();
      assertThat(lines).anySatisfy(l -> assertThat(l).matches(".*: profile \\S+ created \\(\\d+\\.\\d s\\)"));
      assertThat(lines).anySatisfy(l -> assertThat(l).matches(".*: server .* powered on \\(\\d+\\.\\d s\\)"));
      assertThat(lines).anySatisfy(l -> assertThat(l).matches(".* provisioned: .*\\(Running, \\d+\\.\\d s in all\\)"));
    } finally {
      logger.detachAppender(appender);
    }
  }
}
