package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A OneView filter condition, such as {@code name=='web'}, or conditions joined with {@link #and}
 * and {@link #or}, for {@link Query.Builder#filter}. OneView cannot escape quotes inside a filter
 * value, so values containing {@code '} or {@code "} are rejected: no caller-supplied value can
 * change the meaning of a filter.
 *
 * <p>OneView's {@code filter} parameter has no {@code OR}: conditions ANDed together are sent as
 * repeated {@code filter} parameters, and a filter with an {@code OR} is sent as the {@code query}
 * parameter, whose {@code AND} binds tighter than {@code OR} and which has no parentheses. Every
 * filter is therefore kept as an OR of ANDs of single conditions ({@link #expression()} shows it);
 * {@link #not} of a group applies De Morgan's laws.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * Query q = Query.builder()
 *     .filter(Filter.eq("serverHardwareTypeUri", template.serverHardwareTypeUri()))
 *     .filter(Filter.or(Filter.eq("powerState", "Off"), Filter.eq("status", "Critical")))
 *     .build();
 * }</pre>
 */
public final class Filter {
  /** The most AND groups one filter may expand to; beyond it the query string grows without bound. */
  static final int MAX_TERMS = 64;

  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  /** One condition as OneView reads it, such as {@code name=='web'}, optionally negated. */
  private record Condition(String text, boolean negated) {
    Condition negate() {
      return new Condition(text, !negated);
    }

    @Override
    public String toString() {
      return negated ? "not " + text : text;
    }
  }

  /** OR of ANDs: each inner list is a group of conditions that must all hold. */
  private final List<List<Condition>> terms;

  private Filter(List<List<Condition>> terms) {
    if (terms.size() > MAX_TERMS) {
      throw new IllegalArgumentException("Filter expands to " + terms.size() + " AND groups joined by OR, more than "
          + MAX_TERMS + "; simplify it or use Query.Builder.query(...)");
    }
    this.terms = terms;
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

  /** The negation of {@code filter} (OneView {@code not}; a group is negated condition by condition). */
  public static Filter not(Filter filter) {
    Objects.requireNonNull(filter, "filter == null");
    // not (A or B) = not A and not B; not (a1 and a2) = not a1 or not a2.
    Filter result = null;
    for (List<Condition> group : filter.terms) {
      List<List<Condition>> alternatives = new ArrayList<>();
      for (Condition condition : group) alternatives.add(List.of(condition.negate()));
      Filter negatedGroup = new Filter(List.copyOf(alternatives));
      result = result == null ? negatedGroup : and(result, negatedGroup);
    }
    return result;
  }

  /** Every one of {@code filters} holds. */
  public static Filter and(Filter first, Filter... more) {
    Filter result = Objects.requireNonNull(first, "filter == null");
    for (Filter next : more) {
      Objects.requireNonNull(next, "filter == null");
      List<List<Condition>> product = new ArrayList<>();
      for (List<Condition> left : result.terms) {
        for (List<Condition> right : next.terms) {
          List<Condition> group = new ArrayList<>(left);
          group.addAll(right);
          product.add(List.copyOf(group));
        }
      }
      result = new Filter(List.copyOf(product));
    }
    return result;
  }

  /** At least one of {@code filters} holds. Sent as the {@code query} parameter. */
  public static Filter or(Filter first, Filter... more) {
    List<List<Condition>> union = new ArrayList<>(Objects.requireNonNull(first, "filter == null").terms);
    for (Filter next : more) union.addAll(Objects.requireNonNull(next, "filter == null").terms);
    return new Filter(List.copyOf(union));
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
    return new Filter(List.of(List.of(new Condition(attribute + operator + "'" + value + "'", false))));
  }

  /** Whether {@code name} is a OneView attribute name, possibly dotted ({@code connections.networkUri}). */
  static boolean isAttribute(String name) {
    return ATTRIBUTE.matcher(name).matches();
  }

  /**
   * The filter as OneView reads it, before quoting and encoding: such as {@code name=='web'}, or
   * {@code a='1' AND b='2' OR c='3'} ({@code AND} binds tighter).
   */
  public String expression() {
    return terms.stream()
        .map(group -> group.stream().map(Condition::toString).collect(Collectors.joining(" AND ")))
        .collect(Collectors.joining(" OR "));
  }

  /** Whether this filter has an OR, so only the {@code query} parameter can carry it. */
  boolean hasOr() {
    return terms.size() > 1;
  }

  /** The single conditions this filter ANDs, each a {@code filter} parameter value; only without OR. */
  List<String> conditionParameters() {
    if (hasOr()) throw new IllegalStateException("a filter with OR is a query parameter: " + this);
    return terms.get(0).stream().map(condition -> "\"" + condition + "\"").toList();
  }

  /** The {@code filter} query parameter value: the expression in double quotes, not yet encoded. */
  String parameter() {
    return "\"" + expression() + "\"";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Filter that && terms.equals(that.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  @Override
  public String toString() {
    return expression();
  }
}
