package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plugin process with {@code --simulator}: its ready lines tell a person what to try next. */
class ReadyLineProcessTest {

  @Test
  void readyLineNamesTheSocketACommandToTryAndWhereTheSimulatorsSecretsAreForInventory() throws Exception {
    Path dir = PrivateDirectory.create("rdy");
    try (SecurityProcessTest.Child child = SecurityProcessTest.Child.start(Map.of(), "--simulator=4",
        "--plugins-dir", dir.toString())) {
      Path socket = dir.resolve("instance-oneview");
      Path access = dir.resolve("instance-oneview.simulator");
      String output = child.output();
      assertThat(output).contains("Try: curl -sS --unix-socket " + socket
          + " -H 'Content-Type: application/json' -d '{\"jsonrpc\":\"2.0\",\"method\":\"Instance.DescribeInstances\"")
          .contains("(or: infrakit local instance-oneview describe)")
          .contains("its password and certificate are in " + access + " (owner-only)");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(access.resolve("password"))))
          .isEqualTo("rw-------");
      String password = Files.readString(access.resolve("password")).strip();
      assertThat(output).doesNotContain(password);
      assertThat(child.cmdline()).doesNotContain(password);

      // The command the ready line prints reaches the same simulator.
      Matcher inventory = Pattern.compile("java -jar infrakit-instance-oneview.jar (inventory .*)$",
          Pattern.MULTILINE).matcher(output);
      assertThat(inventory.find()).as(output).isTrue();
      StringWriter out = new StringWriter();
      CommandLine cmd = Main.commandLine();
      cmd.setOut(new PrintWriter(out, true));
      assertThat(cmd.execute(inventory.group(1).strip().split(" "))).isZero();
      assertThat(out.toString()).contains("Docker-Gen8-Template").contains("4 servers");
      assertThat(child.sigterm()).isNotEqualTo(-1);
      assertThat(access).doesNotExist();
    } finally {
      PrivateDirectory.delete(dir);
    }
  }
}
