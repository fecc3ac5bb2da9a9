package io.oneviewinfrakit.infrakit.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a request carries into the server's log lines cannot forge or flood a log line. */
class SecurityLogLineTest {

  @Test
  void lineBreaksAndControlCharactersFromARequestAreEscaped() {
    assertThat(Dispatcher.printable("Instance.Validate\n12:00:00.000 [main] INFO forged\r\u2028\u2029\u0085\u0000\u001b[31m"))
        .isEqualTo("Instance.Validate\\n12:00:00.000 [main] INFO forged\\r\\u2028\\u2029\\u0085\\u0000\\u001b[31m")
        .doesNotContain("\n", "\r", "\u2028");
    assertThat(Dispatcher.printable("unicode ✓ 日本語 stays")).isEqualTo("unicode ✓ 日本語 stays");
    assertThat(Dispatcher.printable(null)).isEqualTo("null");
  }

  @Test
  void noncharactersAndBrokenSurrogatesAreEscapedSoXmlLogConsumersCanReadTheLine() {
    assertThat(Dispatcher.printable("a\uffffb\ufffec\ufdd0d\ud800e\udc00f"))
        .isEqualTo("a\\uffffb\\ufffec\\ufdd0d\\ud800e\\udc00f");
    assertThat(Dispatcher.printable("emoji \ud83d\ude00 stays")).isEqualTo("emoji \ud83d\ude00 stays");
  }

  @Test
  void longTextIsAbbreviatedWithItsLength() {
    String shown = Dispatcher.printable("x".repeat(100_000));
    assertThat(shown).hasSizeLessThan(Dispatcher.MAX_LOGGED_CHARS + 40).endsWith("... (100000 characters)");
    assertThat(Dispatcher.printable("\n".repeat(600))).endsWith("... (600 characters)");
  }
}
