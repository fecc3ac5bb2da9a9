package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A collection's {@code query} parameter (the REST API reference's "experimental" sibling of
 * {@code filter}): conditions joined by {@code AND} / {@code OR} ({@code AND} binds tighter), each
 * either {@code attribute IN ('a', 'b', ...)} (case-insensitive, like {@code =}) or a {@link Filter}
 * expression. Clients such as the SDK's task tracker use {@code uri IN (...)} to read many tasks
 * with one request.
 */
final class QueryExpression {
  private QueryExpression() {}

  /**
   * The values of {@code expression} when it is exactly one {@code uri IN (...)} condition (the
   * task tracker's batched poll), so the caller can look the members up instead of scanning; else
   * null.
   */
  static java.util.Set<String> uris(String expression) {
    String s = expression.trim();
    while (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).trim();
    }
    if (split(s, "OR").size() != 1 || split(s, "AND").size() != 1 || !s.regionMatches(true, 0, "uri", 0, 3)) {
      return null;
    }
    String rest = s.substring(3).stripLeading();
    if (!rest.regionMatches(true, 0, "in", 0, 2)) {
      return null;
    }
    String list = rest.substring(2).trim();
    if (!list.startsWith("(") || !list.endsWith(")")) {
      return null;
    }
    java.util.Set<String> uris = new java.util.LinkedHashSet<>();
    for (String v : split(list.substring(1, list.length() - 1), ",")) {
      String t = v.trim();
      if (t.length() < 2 || !t.startsWith("'") || !t.endsWith("'")) {
        return null;
      }
      uris.add(t.substring(1, t.length() - 1));
    }
    return uris;
  }

  static Predicate<Object> parse(String expression) {
    String s = expression.trim();
    while (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).trim();
    }
    if (s.isEmpty()) {
      throw invalid(expression);
    }
    Predicate<Object> any = null;
    for (String alternative : split(s, "OR")) {
      Predicate<Object> all = null;
      for (String condition : split(alternative, "AND")) {
        Predicate<Object> p = condition(condition.trim(), expression);
        all = all == null ? p : all.and(p);
      }
      any = any == null ? all : any.or(all);
    }
    return any;
  }

  private static Predicate<Object> condition(String condition, String expression) {
    int i = 0;
    while (i < condition.length() && (Character.isLetterOrDigit(condition.charAt(i))
        || condition.charAt(i) == '.' || condition.charAt(i) == '_')) {
      i++;
    }
    String attribute = condition.substring(0, i);
    String rest = condition.substring(i).stripLeading();
    if (!attribute.isEmpty() && rest.regionMatches(true, 0, "in", 0, 2) && rest.length() > 2
        && (rest.charAt(2) == '(' || Character.isWhitespace(rest.charAt(2)))) {
      String list = rest.substring(2).trim();
      if (!list.startsWith("(") || !list.endsWith(")")) {
        throw invalid(expression);
      }
      List<String> values = new ArrayList<>();
      for (String v : split(list.substring(1, list.length() - 1), ",")) {
        String t = v.trim();
        if (t.length() < 2 || !t.startsWith("'") || !t.endsWith("'")) {
          throw invalid(expression);
        }
        values.add(t.substring(1, t.length() - 1).toLowerCase(Locale.ROOT));
      }
      return doc -> {
        String actual = Filter.text(Json.at(doc, attribute));
        return actual != null && values.contains(actual.toLowerCase(Locale.ROOT));
      };
    }
    return Filter.parse(condition);
  }

  /** {@code s} split at {@code separator} (a word, or ","), outside quotes and parentheses. */
  private static List<String> split(String s, String separator) {
    List<String> parts = new ArrayList<>();
    boolean word = !separator.equals(",");
    int depth = 0;
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0) {
        if (!word && c == ',') {
          parts.add(s.substring(from, i));
          from = i + 1;
        } else if (word && i > 0 && Character.isWhitespace(s.charAt(i - 1))
            && s.regionMatches(true, i, separator, 0, separator.length())
            && i + separator.length() < s.length()
            && Character.isWhitespace(s.charAt(i + separator.length()))) {
          parts.add(s.substring(from, i));
          from = i + separator.length();
          i = from;
        }
      }
    }
    parts.add(s.substring(from));
    return parts;
  }

  private static SimulatorException invalid(String expression) {
    return SimulatorException.badRequest("INVALID_QUERY",
        "The query expression " + expression + " is not valid.");
  }
}
