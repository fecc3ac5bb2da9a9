package io.oneviewinfrakit.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code start}, {@code count}, {@code sort}, repeated {@code filter} and {@code query}
 * parameters of a collection GET, and the page envelope they produce.
 */
final class CollectionQuery {
  private final QueryString query;
  private final int start;
  private final int count; // -1: not given, use the resource's page cap
  private final List<Filter> filters;
  private final List<Predicate<Object>> queries;
  private final Comparator<Map<String, Object>> order; // null: creation order

  private final List<String> fields;
  private final List<String> scopeUris;

  private CollectionQuery(QueryString query, int start, int count, List<Filter> filters,
      List<Predicate<Object>> queries, Comparator<Map<String, Object>> order, List<String> fields,
      List<String> scopeUris) {
    this.fields = fields;
    this.scopeUris = scopeUris;
    this.queries = queries;
    this.query = query;
    this.start = start;
    this.count = count;
    this.filters = filters;
    this.order = order;
  }

  static CollectionQuery parse(QueryString query) {
    int start = intParam(query, "start", 0);
    int count = intParam(query, "count", -1);
    if (start < 0 || count < -1) {
      throw SimulatorException.badRequest("INVALID_QUERY_PARAMETER",
          "start must be >= 0 and count >= -1.");
    }
    List<Filter> filters = new ArrayList<>();
    for (String f : query.all("filter")) {
      if (!f.isBlank()) {
        filters.add(Filter.parse(f));
      }
    }
    List<Predicate<Object>> queries = new ArrayList<>();
    for (String q : query.all("query")) {
      if (!q.isBlank()) {
        queries.add(QueryExpression.parse(q));
      }
    }
    Comparator<Map<String, Object>> order = null;
    for (String sort : query.all("sort")) {
      for (String key : sort.split(",")) {
        if (key.isBlank()) {
          continue;
        }
        Comparator<Map<String, Object>> c = sortKey(key.trim());
        order = order == null ? c : order.thenComparing(c);
      }
    }
    String view = query.first("view");
    if (view != null && !view.isBlank() && !view.trim().equalsIgnoreCase("expand")) {
      // "expand" is the documented default view; the named views of individual resources are not
      // modelled, and answering them as if they were would mislead the client.
      throw SimulatorException.badRequest("INVALID_VIEW", "The view " + view + " is not supported.");
    }
    List<String> fields = new ArrayList<>();
    for (String f : query.all("fields")) {
      for (String name : f.split(",")) {
        if (!name.isBlank()) {
          fields.add(name.trim());
        }
      }
    }
    List<String> scopeUris = new ArrayList<>();
    for (String value : query.all("scopeUris")) {
      // Several scopes are joined with " OR " (oneview-ansible), each optionally quoted.
      for (String scope : value.split("(?i)\\s+OR\\s+")) {
        String u = scope.trim().replace("\"", "").replace("'", "");
        if (!u.isEmpty()) {
          scopeUris.add(u);
        }
      }
    }
    return new CollectionQuery(query, start, count, List.copyOf(filters), List.copyOf(queries), order,
        List.copyOf(fields), List.copyOf(scopeUris));
  }

  /** The scopes a member must belong to (any of them), empty for no restriction. */
  List<String> scopeUris() {
    return scopeUris;
  }

  /** Whether the request names a filter or a query (delete-by-filter needs one). */
  boolean selects() {
    return !filters.isEmpty() || !queries.isEmpty();
  }

  /**
   * {@code doc} cut down to the {@code fields} asked for (dotted names reach into objects), or
   * {@code doc} itself when none are.
   */
  Map<String, Object> project(Map<String, Object> doc) {
    if (fields.isEmpty()) {
      return doc;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field : fields) {
      String[] path = field.split("\\.");
      Object value = doc;
      for (String part : path) {
        Map<String, Object> m = Json.map(value);
        value = m == null || !m.containsKey(part) ? Absent.VALUE : m.get(part);
        if (value == Absent.VALUE) {
          break;
        }
      }
      if (value == Absent.VALUE) {
        continue;
      }
      Map<String, Object> target = out;
      for (int i = 0; i < path.length - 1; i++) {
        Object next = target.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        @SuppressWarnings("unchecked")
        Map<String, Object> nextMap = (Map<String, Object>) next;
        target = nextMap;
      }
      target.put(path[path.length - 1], value);
    }
    return out;
  }

  private enum Absent { VALUE }

  private static int intParam(QueryString query, String name, int absent) {
    String value = query.first(name);
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw SimulatorException.badRequest("INVALID_QUERY_PARAMETER",
          "The " + name + " parameter must be an integer: " + value);
    }
  }

  private static Comparator<Map<String, Object>> sortKey(String key) {
    String[] parts = key.split(":");
    String attribute = parts[0].trim();
    boolean descending = false;
    boolean natural = false;
    for (int i = 1; i < parts.length; i++) {
      switch (parts[i].trim().toLowerCase(Locale.ROOT)) {
        case "asc", "ascending" -> descending = false;
        case "desc", "descending" -> descending = true;
        case "natural" -> natural = true;
        default -> throw SimulatorException.badRequest("INVALID_SORT",
            "The sort expression " + key + " is not valid.");
      }
    }
    Comparator<Object> values = natural ? CollectionQuery::compareNatural : CollectionQuery::compareValues;
    Comparator<Map<String, Object>> c = Comparator.comparing(
        (Function<Map<String, Object>, Object>) d -> Json.at(d, attribute), values);
    return descending ? c.reversed() : c;
  }

  /** Nulls first, numbers numerically, strings case-insensitively (then exactly). */
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    String s = Filter.text(a);
    String t = Filter.text(b);
    int c = s.compareToIgnoreCase(t);
    return c != 0 ? c : s.compareTo(t);
  }

  /** Like {@link #compareValues} but digit runs compare as numbers ("bay 2" before "bay 10"). */
  private static int compareNatural(Object a, Object b) {
    if (a == null || b == null || a instanceof Number && b instanceof Number) {
      return compareValues(a, b);
    }
    String s = Filter.text(a).toLowerCase(Locale.ROOT);
    String t = Filter.text(b).toLowerCase(Locale.ROOT);
    int i = 0;
    int j = 0;
    while (i < s.length() && j < t.length()) {
      char c = s.charAt(i);
      char d = t.charAt(j);
      if (Character.isDigit(c) && Character.isDigit(d)) {
        int i2 = i;
        int j2 = j;
        while (i2 < s.length() && Character.isDigit(s.charAt(i2))) {
          i2++;
        }
        while (j2 < t.length() && Character.isDigit(t.charAt(j2))) {
          j2++;
        }
        int cmp = new BigDecimal(s.substring(i, i2)).compareTo(new BigDecimal(t.substring(j, j2)));
        if (cmp != 0) {
          return cmp;
        }
        i = i2;
        j = j2;
      } else {
        if (c != d) {
          return Character.compare(c, d);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(s.length() - i, t.length() - j);
    return c != 0 ? c : compareValues(a, b);
  }

  /**
   * The URIs a {@code query} parameter pins down ({@code uri IN (...)}, intersected when repeated),
   * so the caller can look members up instead of scanning; else null. The members still pass
   * {@link #matches}.
   */
  java.util.Set<String> exactUris() {
    java.util.Set<String> result = null;
    for (String q : query.all("query")) {
      java.util.Set<String> uris = q.isBlank() ? null : QueryExpression.uris(q);
      if (uris == null) {
        continue;
      }
      if (result == null) {
        result = new java.util.LinkedHashSet<>(uris);
      } else {
        result.retainAll(uris);
      }
    }
    return result;
  }

  /** A name the filters pin down exactly, so the caller can use its name index; else null. */
  String exactName() {
    for (Filter f : filters) {
      if (f.exactName() != null) {
        return f.exactName();
      }
    }
    return null;
  }

  boolean matches(Map<String, Object> doc) {
    for (Filter f : filters) {
      if (!f.test(doc)) {
        return false;
      }
    }
    for (Predicate<Object> q : queries) {
      if (!q.test(doc)) {
        return false;
      }
    }
    return true;
  }

  /** Every one of {@code candidates} the filters and queries select, in creation order. */
  List<Map<String, Object>> select(Iterable<Map<String, Object>> candidates) {
    List<Map<String, Object>> hits = new ArrayList<>(candidates instanceof Collection<?> c ? c.size() : 16);
    for (Map<String, Object> doc : candidates) {
      if (matches(doc)) {
        hits.add(doc);
      }
    }
    return hits;
  }

  /** A page of {@code candidates} (in creation order), filtered, sorted and cut. */
  Page page(Iterable<Map<String, Object>> candidates, int cap) {
    List<Map<String, Object>> hits = new ArrayList<>();
    for (Map<String, Object> doc : candidates) {
      if (matches(doc)) {
        hits.add(doc);
      }
    }
    if (order != null) {
      hits.sort(order);
    }
    int size = count < 0 ? cap : count;
    int from = Math.min(start, hits.size());
    int to = (int) Math.min((long) from + size, hits.size());
    return new Page(List.copyOf(hits.subList(from, to)), hits.size(), start, size);
  }

  record Page(List<Map<String, Object>> members, int total, int start, int size) {}

  /** The collection envelope around already rendered members. */
  Map<String, Object> envelope(String path, String type, String category, Page page,
      List<Object> renderedMembers, String eTag, String created, String modified) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("category", category);
    body.put("uri", pageUri(path, page.start(), page.size()));
    body.put("start", (long) page.start());
    body.put("count", (long) renderedMembers.size());
    body.put("total", (long) page.total());
    boolean hasPrev = page.start() > 0 && page.size() > 0;
    body.put("prevPageUri", hasPrev
        ? pageUri(path, Math.max(0, page.start() - page.size()), page.size()) : null);
    boolean hasNext = page.size() > 0 && (long) page.start() + page.size() < page.total();
    body.put("nextPageUri", hasNext ? pageUri(path, page.start() + page.size(), page.size()) : null);
    body.put("members", renderedMembers);
    body.put("eTag", eTag);
    body.put("created", created);
    body.put("modified", modified);
    return body;
  }

  /** The page's URI: the request's other parameters echoed as sent, then start and count. */
  private String pageUri(String path, int pageStart, int pageSize) {
    StringBuilder uri = new StringBuilder(path).append('?');
    for (QueryString.Param p : query.params()) {
      if (!p.name().equals("start") && !p.name().equals("count")) {
        uri.append(p.raw()).append('&');
      }
    }
    return uri.append("start=").append(pageStart).append("&count=").append(pageSize).toString();
  }
}
