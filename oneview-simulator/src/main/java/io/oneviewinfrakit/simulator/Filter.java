package io.oneviewinfrakit.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One OneView {@code filter} expression, {@code [not] attribute operator 'value'}, as a predicate
 * over a JSON document.
 *
 * <p>Operators (REST API reference "Common parameters"): {@code =}, {@code eq} (case-insensitive),
 * {@code ==}, {@code seq} (case-sensitive), {@code ne}, {@code !=}, {@code matches} /
 * {@code smatches} (SQL wildcards {@code %} and {@code _}), {@code regex} / {@code sregex},
 * {@code gt ge lt le}. A bare {@code null} value matches a JSON null. An attribute that crosses a
 * list (for example {@code connections.networkUri}) matches when any element does.
 */
record Filter(String attribute, String operator, String value, boolean negated,
    Predicate<Object> test) implements Predicate<Object> {

  private static final List<String> WORD_OPERATORS = List.of(
      "eq", "seq", "ne", "matches", "smatches", "regex", "sregex", "gt", "ge", "lt", "le");

  static Filter parse(String expression) {
    String s = stripQuotes(expression.trim());
    if (s.regionMatches(true, 0, "not", 0, 3) && s.length() > 3
        && (Character.isWhitespace(s.charAt(3)) || s.charAt(3) == '(' || s.charAt(3) == '"')) {
      Filter inner = parse(s.substring(3));
      return new Filter(inner.attribute, inner.operator, inner.value, !inner.negated, inner.test);
    }
    if (s.startsWith("(") && s.endsWith(")")) {
      return parse(s.substring(1, s.length() - 1));
    }
    int i = 0;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
        || s.charAt(i) == '_')) {
      i++;
    }
    String attribute = s.substring(0, i);
    if (attribute.isEmpty()) {
      throw invalid(expression);
    }
    String rest = s.substring(i).stripLeading();
    String operator;
    int consumed;
    if (rest.startsWith("==")) {
      operator = "==";
      consumed = 2;
    } else if (rest.startsWith("!=")) {
      operator = "ne";
      consumed = 2;
    } else if (rest.startsWith("=")) {
      operator = "=";
      consumed = 1;
    } else {
      int end = 0;
      while (end < rest.length() && Character.isLetter(rest.charAt(end))) {
        end++;
      }
      operator = rest.substring(0, end).toLowerCase(Locale.ROOT);
      consumed = end;
      if (!WORD_OPERATORS.contains(operator)) {
        throw invalid(expression);
      }
    }
    rest = rest.substring(consumed);
    String raw = rest.trim();
    String value;
    boolean isNull = false;
    if (raw.length() >= 2 && (raw.startsWith("'") && raw.endsWith("'")
        || raw.startsWith("\"") && raw.endsWith("\""))) {
      value = raw.substring(1, raw.length() - 1);
    } else if (raw.equalsIgnoreCase("null")) {
      value = null;
      isNull = true;
    } else if (!raw.isEmpty()) {
      value = raw;
    } else {
      throw invalid(expression);
    }
    return new Filter(attribute, operator, value, false, build(operator, value, isNull));
  }

  private static String stripQuotes(String s) {
    while (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  private static SimulatorException invalid(String expression) {
    return SimulatorException.badRequest("INVALID_FILTER",
        "The filter expression " + expression + " is not valid.");
  }

  private static Predicate<Object> build(String operator, String value, boolean isNull) {
    return switch (operator) {
      case "=", "eq" -> isNull ? v -> v == null : v -> text(v) != null && text(v).equalsIgnoreCase(value);
      case "==", "seq" -> isNull ? v -> v == null : v -> value.equals(text(v));
      case "ne" -> isNull ? v -> v != null : v -> text(v) == null || !text(v).equalsIgnoreCase(value);
      case "matches" -> like(value, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      case "smatches" -> like(value, 0);
      case "regex" -> regex(Pattern.compile(value, Pattern.CASE_INSENSITIVE));
      case "sregex" -> regex(Pattern.compile(value));
      default -> compare(operator, value);
    };
  }

  private static Predicate<Object> like(String value, int flags) {
    StringBuilder regex = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex(Pattern.compile(regex.toString(), flags | Pattern.DOTALL));
  }

  private static Predicate<Object> regex(Pattern pattern) {
    return v -> text(v) != null && pattern.matcher(text(v)).matches();
  }

  private static Predicate<Object> compare(String operator, String value) {
    BigDecimal limit;
    try {
      limit = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw SimulatorException.badRequest("INVALID_FILTER",
          "The operator " + operator + " needs a numeric value, got " + value + ".");
    }
    return v -> {
      if (!(v instanceof Number n)) {
        return false;
      }
      int c = new BigDecimal(n.toString()).compareTo(limit);
      return switch (operator) {
        case "gt" -> c > 0;
        case "ge" -> c >= 0;
        case "lt" -> c < 0;
        default -> c <= 0;
      };
    };
  }

  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return v.toString();
  }

  /** Whether {@code doc} passes this filter. */
  @Override
  public boolean test(Object doc) {
    Object actual = Json.at(doc, attribute);
    boolean hit;
    if (actual instanceof List<?> values) {
      hit = operator.equals("ne")
          ? values.stream().allMatch(test)
          : values.stream().anyMatch(test);
    } else {
      hit = test.test(actual);
    }
    return hit != negated;
  }

  /** The value when this filter selects by exact name ({@code name='x'}), for the name index. */
  String exactName() {
    boolean eq = operator.equals("=") || operator.equals("eq") || operator.equals("==")
        || operator.equals("seq");
    return !negated && eq && attribute.equals("name") ? value : null;
  }
}
