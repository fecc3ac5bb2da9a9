package io.oneviewinfrakit.oneview;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One OneView filter condition, such as {@code name=='web'}, for {@link Query.Builder#filter}.
 * OneView cannot escape quotes inside a filter value, so values containing {@code '} or {@code "}
 * are rejected: no caller-supplied value can change the meaning of a filter.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * Query q = Query.builder()
 *     .filter(Filter.eq("serverHardwareTypeUri", template.serverHardwareTypeUri()))
 *     .filter(Filter.not(Filter.eq("powerState", "On")))
 *     .build();
 * }</pre>
 */
public final class Filter {
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final String expression;

  private Filter(String expression) {
    this.expression = expression;
  }

  /** {@code attribute} equals {@code value}, ignoring case (OneView {@code =}). */
  public static Filter eq(String attribute, String value) {
    return of(attribute, "=", value);
  }

  /** {@code attribute} equals {@code value} exactly, case-sensitive (OneView {@code ==}). */
  public static Filter seq(String attribute, String value) {
    return of(attribute, "==", value);
  }

  /** {@code attribute} does not equal {@code value} (OneView {@code ne}). */
  public static Filter ne(String attribute, String value) {
    return of(attribute, " ne ", value);
  }

  /**
   * {@code attribute} matches the SQL-style pattern {@code pattern} ({@code %} any run, {@code _}
   * one character; OneView {@code matches}, case-insensitive).
   */
  public static Filter matches(String attribute, String pattern) {
    return of(attribute, " matches ", pattern);
  }

  /** The negation of {@code filter} (OneView {@code not}). */
  public static Filter not(Filter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return new Filter("not " + filter.expression);
  }

  private static Filter of(String attribute, String operator, String value) {
    Objects.requireNonNull(attribute, "attribute == null");
    Objects.requireNonNull(value, "value == null");
    if (!ATTRIBUTE.matcher(attribute).matches()) {
      throw new IllegalArgumentException("Not a OneView attribute name: \"" + attribute + "\"");
    }
    if (value.indexOf('\'') >= 0 || value.indexOf('"') >= 0) {
      throw new IllegalArgumentException(
          "Filter value for " + attribute + " contains a quote, which OneView filters cannot escape: " + value);
    }
    return new Filter(attribute + operator + "'" + value + "'");
  }

  /** The condition as OneView reads it, such as {@code name=='web'}, before quoting and encoding. */
  public String expression() {
    return expression;
  }

  /** The {@code filter} query parameter value: the expression in double quotes, not yet encoded. */
  String parameter() {
    return "\"" + expression + "\"";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Filter that && expression.equals(that.expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }
}
