package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Which members of a collection to list and how: filters (ANDed), a raw {@code query} expression,
 * sort order, the fields and view to return, the scopes to look in, first index and page size.
 * Every value is checked when it is set, so a bad one fails with a message naming it instead of an
 * HTTP 400 from the appliance.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * Query q = Query.builder()
 *     .filter(Filter.eq("status", "OK"))
 *     .filter(Filter.or(Filter.eq("powerState", "Off"), Filter.eq("powerState", "Unknown")))
 *     .sort("name:asc")
 *     .fields("name", "uri", "powerState")
 *     .scopeUris("/rest/scopes/lab")
 *     .count(64)
 *     .build();
 * List<ServerHardware> healthy = ov.serverHardware().list(q);
 * }</pre>
 *
 * <p>On the wire: filters without {@code OR} are repeated {@code filter="…"} parameters; a filter
 * with {@code OR} (and every other filter, ANDed to it) becomes one {@code query="…"} parameter,
 * the only one OneView lets hold an {@code OR}. {@code fields} are comma-separated, {@code
 * scopeUris} joined by {@code " OR "}.
 */
public final class Query {
  private static final Query ALL = new Builder().build();
  private static final Pattern SORT_KEY = Pattern.compile(
      "[A-Za-z_][A-Za-z0-9_.]*(:(asc|desc|ascending|descending)(:natural)?)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VIEW = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern SCOPE_URI = Pattern.compile("/rest/scopes/[A-Za-z0-9_.~-]+");

  private final List<Filter> filters;
  private final String query;
  private final String sort;
  private final List<String> fields;
  private final String view;
  private final List<String> scopeUris;
  private final int start;
  private final Integer count;

  private Query(Builder builder) {
    this.filters = List.copyOf(builder.filters);
    this.query = builder.query;
    this.sort = builder.sort;
    this.fields = List.copyOf(builder.fields);
    this.view = builder.view;
    this.scopeUris = List.copyOf(builder.scopeUris);
    this.start = builder.start;
    this.count = builder.count;
    if (query != null && combinedFilter() != null && combinedFilter().hasOr()) {
      throw new IllegalArgumentException("A filter with OR is sent as the query parameter, which query(\""
          + query + "\") already holds; write the OR into that query expression instead");
    }
  }

  /** A query for every member, in the appliance's default order. */
  public static Query all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    Builder result = new Builder();
    result.filters.addAll(filters);
    result.query = query;
    result.sort = sort;
    result.fields.addAll(fields);
    result.view = view;
    result.scopeUris.addAll(scopeUris);
    result.start = start;
    result.count = count;
    return result;
  }

  /** The conditions, all of which a member must meet. */
  public List<Filter> filters() {
    return filters;
  }

  /** The raw {@code query} expression, such as {@code "name EQ 'a' OR name EQ 'b'"}, or null. */
  public String query() {
    return query;
  }

  /** The sort order, such as {@code "name:asc"}, or null for the appliance's default. */
  public String sort() {
    return sort;
  }

  /** The fields each member is returned with; empty for all of them. */
  public List<String> fields() {
    return fields;
  }

  /** The appliance's predefined view to return, such as {@code "expand"}, or null for its default. */
  public String view() {
    return view;
  }

  /** The scopes members must be in (any of them); empty for no such restriction. */
  public List<String> scopeUris() {
    return scopeUris;
  }

  /** The index of the first member to list. */
  public int start() {
    return start;
  }

  /** Members per page to ask for, or null to let the appliance choose. */
  public Integer count() {
    return count;
  }

  /** Every filter ANDed into one, or null without filters. */
  private Filter combinedFilter() {
    if (filters.isEmpty()) return null;
    return Filter.and(filters.get(0), filters.subList(1, filters.size()).toArray(Filter[]::new));
  }

  /**
   * {@code collectionUri} with this query's selection parameters ({@code filter}, {@code query},
   * {@code fields}, {@code view}, {@code scopeUris}) encoded as the appliance expects; {@link
   * #paging()} holds the rest. Pages then carry them whatever paging adds.
   */
  String selectionUri(String collectionUri) {
    HttpUrl.Builder url = HttpUrl.get("http://appliance" + collectionUri).newBuilder();
    Filter combined = combinedFilter();
    if (combined != null && combined.hasOr()) {
      url.addQueryParameter("query", "\"" + combined.expression() + "\"");
    } else if (combined != null) {
      for (String condition : combined.conditionParameters()) url.addQueryParameter("filter", condition);
    }
    if (query != null) url.addQueryParameter("query", "\"" + query + "\"");
    if (!fields.isEmpty()) url.addQueryParameter("fields", String.join(",", fields));
    if (view != null) url.addQueryParameter("view", view);
    if (!scopeUris.isEmpty()) url.addQueryParameter("scopeUris", String.join(" OR ", scopeUris));
    HttpUrl built = url.build();
    String encodedQuery = built.encodedQuery();
    return built.encodedPath() + (encodedQuery == null ? "" : "?" + encodedQuery);
  }

  /** Only the paging part of this query: sort, start and count. */
  Query paging() {
    if (filters.isEmpty() && query == null && fields.isEmpty() && view == null && scopeUris.isEmpty()) return this;
    Builder result = new Builder();
    result.sort = sort;
    result.start = start;
    result.count = count;
    return result.build();
  }

  /** Whether this query selects members by anything (filter, query or scope), as a bulk delete needs. */
  boolean selects() {
    return !filters.isEmpty() || query != null || !scopeUris.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Query that
        && filters.equals(that.filters)
        && Objects.equals(query, that.query)
        && Objects.equals(sort, that.sort)
        && fields.equals(that.fields)
        && Objects.equals(view, that.view)
        && scopeUris.equals(that.scopeUris)
        && start == that.start
        && Objects.equals(count, that.count);
  }

  @Override
  public int hashCode() {
    return Objects.hash(filters, query, sort, fields, view, scopeUris, start, count);
  }

  @Override
  public String toString() {
    StringBuilder result = new StringBuilder("Query{filters=").append(filters);
    if (query != null) result.append(", query=").append(query);
    result.append(", sort=").append(sort);
    if (!fields.isEmpty()) result.append(", fields=").append(fields);
    if (view != null) result.append(", view=").append(view);
    if (!scopeUris.isEmpty()) result.append(", scopeUris=").append(scopeUris);
    return result.append(", start=").append(start).append(", count=").append(count).append("}").toString();
  }

  /** Builds a {@link Query}. Not thread-safe. */
  public static final class Builder {
    private final List<Filter> filters = new ArrayList<>();
    private String query;
    private String sort;
    private final List<String> fields = new ArrayList<>();
    private String view;
    private final List<String> scopeUris = new ArrayList<>();
    private int start;
    private Integer count;

    private Builder() {}

    /** Adds a condition; members must meet every condition added. */
    public Builder filter(Filter filter) {
      filters.add(Objects.requireNonNull(filter, "filter == null"));
      return this;
    }

    /**
     * A raw {@code query} expression in OneView's URI filter language, such as {@code "owner IN
     * ('a','b')"} or {@code "name EQ 'a' OR name EQ 'b'"}, ANDed with the filters. It is sent
     * between double quotes, so it must not contain one; single quotes must pair up.
     */
    public Builder query(String query) {
      Objects.requireNonNull(query, "query == null");
      if (query.isBlank()) throw new IllegalArgumentException("query is blank");
      if (query.indexOf('"') >= 0) {
        throw new IllegalArgumentException("query contains a double quote, which OneView cannot escape: " + query);
      }
      if (query.chars().filter(c -> c == '\'').count() % 2 != 0) {
        throw new IllegalArgumentException("query has an unpaired single quote: " + query);
      }
      this.query = query;
      return this;
    }

    /**
     * The sort order: comma-separated {@code attribute[:asc|:desc][:natural]}, such as {@code
     * "name:asc"} or {@code "name:asc,status:desc"}.
     */
    public Builder sort(String sort) {
      Objects.requireNonNull(sort, "sort == null");
      if (sort.isBlank()) throw new IllegalArgumentException("sort is blank");
      for (String key : sort.split(",", -1)) {
        if (!SORT_KEY.matcher(key.strip()).matches()) {
          throw new IllegalArgumentException("Not a OneView sort key (attribute[:asc|:desc][:natural]): \""
              + key + "\" in sort \"" + sort + "\"");
        }
      }
      this.sort = sort;
      return this;
    }

    /** Returns members with only these attributes ({@code fields}); replaces earlier ones. */
    public Builder fields(String... fields) {
      Objects.requireNonNull(fields, "fields == null");
      List<String> checked = new ArrayList<>();
      for (String field : fields) {
        Objects.requireNonNull(field, "field == null");
        if (!Filter.isAttribute(field)) throw new IllegalArgumentException("Not a OneView attribute name in fields: \"" + field + "\"");
        checked.add(field);
      }
      if (checked.isEmpty()) throw new IllegalArgumentException("fields is empty");
      this.fields.clear();
      this.fields.addAll(checked);
      return this;
    }

    /** One of the collection's predefined views, such as {@code "expand"} or {@code "compact"}. */
    public Builder view(String view) {
      Objects.requireNonNull(view, "view == null");
      if (!VIEW.matcher(view).matches()) throw new IllegalArgumentException("Not a OneView view name: \"" + view + "\"");
      this.view = view;
      return this;
    }

    /** Only members in any of these scopes, such as {@code /rest/scopes/{id}} (API 300 and later); replaces earlier ones. */
    public Builder scopeUris(String... scopeUris) {
      Objects.requireNonNull(scopeUris, "scopeUris == null");
      List<String> checked = new ArrayList<>();
      for (String uri : scopeUris) {
        Objects.requireNonNull(uri, "scopeUri == null");
        if (!SCOPE_URI.matcher(uri).matches()) {
          throw new IllegalArgumentException("Not a scope URI such as /rest/scopes/{id}: \"" + uri + "\"");
        }
        checked.add(uri);
      }
      if (checked.isEmpty()) throw new IllegalArgumentException("scopeUris is empty");
      this.scopeUris.clear();
      this.scopeUris.addAll(checked);
      return this;
    }

    /** The index of the first member to list; 0 by default. */
    public Builder start(int start) {
      if (start < 0) throw new IllegalArgumentException("start < 0: " + start);
      this.start = start;
      return this;
    }

    /** Members per page to ask for; the appliance may return fewer per page. */
    public Builder count(int count) {
      if (count <= 0) throw new IllegalArgumentException("count <= 0: " + count);
      this.count = count;
      return this;
    }

    /** @throws IllegalArgumentException if a filter with OR and {@link #query} are both set. */
    public Query build() {
      return new Query(this);
    }
  }
}
