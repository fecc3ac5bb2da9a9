package io.oneviewinfrakit.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag keys and values in log lines: never a forged line, never a character XML cannot carry. */
class LogTextTest {

  @Test
  void controlCharactersNoncharactersAndBrokenSurrogatesAreEscaped() {
    assertThat(LogText.of(List.of("k\n12:00 INFO forged", "\uffff\"},\"owner\":\"other\uffff", "\ud800x")))
        .isEqualTo("[k\\u000a12:00 INFO forged, \\uffff\"},\"owner\":\"other\\uffff, \\ud800x]");
    assertThat(LogText.of("emoji \ud83d\ude00 and 日本語 stay")).isEqualTo("emoji \ud83d\ude00 and 日本語 stay");
  }
}
