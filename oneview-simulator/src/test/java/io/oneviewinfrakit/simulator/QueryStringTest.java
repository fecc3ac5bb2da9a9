package io.oneviewinfrakit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void decodesPlusAndPercentEscapesButKeepsStrayPercentSigns() {
    assertThat(QueryString.decode("a+b%20c%27%22")).isEqualTo("a b c'\"");
    assertThat(QueryString.decode("Encl%")).isEqualTo("Encl%");
    assertThat(QueryString.decode("100%zz")).isEqualTo("100%zz");
    assertThat(QueryString.decode("%C3%A9t%C3%A9")).isEqualTo("été");
  }

  @Test
  void keepsRepeatedParametersInOrderWithTheirRawText() {
    QueryString q = QueryString.parse("filter=a%3D1&sort=name:asc&filter=b%3D2&flag");

    assertThat(q.all("filter")).containsExactly("a=1", "b=2");
    assertThat(q.first("flag")).isEmpty();
    assertThat(q.params().get(0).raw()).isEqualTo("filter=a%3D1");
  }

  @Test
  void filterParsingAcceptsQuotedWholeExpressionsAndNot() {
    assertThat(Filter.parse("\"name='x'\"").exactName()).isEqualTo("x");
    assertThat(Filter.parse("NOT \"name='x'\"").exactName()).isNull();
    assertThat(Filter.parse("not name='x'").negated()).isTrue();
    assertThat(Filter.parse("notes='x'").attribute()).isEqualTo("notes");
  }
}
