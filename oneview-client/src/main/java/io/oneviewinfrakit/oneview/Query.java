package io.oneviewinfrakit.oneview;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which members of a collection to list: filters (ANDed), sort order, first index and page size.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <p>For example:
 *
 * <pre>{@code
 * Query q = Query.builder()
 *     .filter(Filter.eq("status", "OK"))
 *     .sort("name:asc")
 *     .count(64)
 *     .build();
 * List<ServerHardware> healthy = ov.serverHardware().list(q);
 * }</pre>
 */
public final class Query {
  private static final Query ALL = new Builder().build();

  private final List<Filter> filters;
  private final String sort;
  private final int start;
  private final Integer count;

  private Query(Builder builder) {
    this.filters = List.copyOf(builder.filters);
    this.sort = builder.sort;
    this.start = builder.start;
    this.count = builder.count;
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
    result.sort = sort;
    result.start = start;
    result.count = count;
    return result;
  }

  /** The conditions, all of which a member must meet. */
  public List<Filter> filters() {
    return filters;
  }

  /** The sort order, such as {@code "name:asc"}, or null for the appliance's default. */
  public String sort() {
    return sort;
  }

  /** The index of the first member to list. */
  public int start() {
    return start;
  }

  /** Members per page to ask for, or null to let the appliance choose. */
  public Integer count() {
    return count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Query that
        && filters.equals(that.filters)
        && Objects.equals(sort, that.sort)
        && start == that.start
        && Objects.equals(count, that.count);
  }

  @Override
  public int hashCode() {
    return Objects.hash(filters, sort, start, count);
  }

  @Override
  public String toString() {
    return "Query{filters=" + filters + ", sort=" + sort + ", start=" + start + ", count=" + count + "}";
  }

  /** Builds a {@link Query}. Not thread-safe. */
  public static final class Builder {
    private final List<Filter> filters = new ArrayList<>();
    private String sort;
    private int start;
    private Integer count;

    private Builder() {}

    /** Adds a condition; members must meet every condition added. */
    public Builder filter(Filter filter) {
      filters.add(Objects.requireNonNull(filter, "filter == null"));
      return this;
    }

    /** The sort order, such as {@code "name:asc"} or {@code "name:asc,status:desc"}. */
    public Builder sort(String sort) {
      Objects.requireNonNull(sort, "sort == null");
      if (sort.isBlank()) throw new IllegalArgumentException("sort is blank");
      this.sort = sort;
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

    public Query build() {
      return new Query(this);
    }
  }
}
