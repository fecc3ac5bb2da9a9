package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The documents of one resource category by URI, in creation order, with a case-insensitive
 * name index (names are what clients filter on most). Not thread-safe; guarded by the appliance
 * lock.
 */
final class Store {
  final String category;
  final int pageCap;
  /** Whether documents' values are frozen when put: for documents only ever changed by putting values. */
  private final boolean frozenValues;
  private final Map<String, Map<String, Object>> byUri = new LinkedHashMap<>();
  private final Map<String, Set<String>> byName = new LinkedHashMap<>();

  Store(String category, int pageCap) {
    this(category, pageCap, false);
  }

  Store(String category, int pageCap, boolean frozenValues) {
    this.category = category;
    this.pageCap = pageCap;
    this.frozenValues = frozenValues;
  }

  Map<String, Object> get(String uri) {
    return byUri.get(uri);
  }

  Collection<Map<String, Object>> all() {
    return byUri.values();
  }

  /** Documents whose name equals {@code name} ignoring case, in creation order. */
  List<Map<String, Object>> named(String name) {
    Set<String> uris = byName.get(key(name));
    List<Map<String, Object>> out = new ArrayList<>();
    if (uris != null) {
      uris.forEach(u -> out.add(byUri.get(u)));
    }
    return out;
  }

  /** The document whose name is exactly {@code name}, or null. */
  Map<String, Object> exactlyNamed(String name) {
    for (Map<String, Object> d : named(name)) {
      if (name.equals(d.get("name"))) {
        return d;
      }
    }
    return null;
  }

  void put(Map<String, Object> doc) {
    if (frozenValues) {
      Frozen.values(doc);
    }
    String uri = (String) doc.get("uri");
    Map<String, Object> old = byUri.put(uri, doc);
    if (old != null) {
      unindex(old);
    }
    Object name = doc.get("name");
    if (name instanceof String n) {
      byName.computeIfAbsent(key(n), k -> new LinkedHashSet<>()).add(uri);
    }
  }

  Map<String, Object> remove(String uri) {
    Map<String, Object> old = byUri.remove(uri);
    if (old != null) {
      unindex(old);
    }
    return old;
  }

  private void unindex(Map<String, Object> doc) {
    if (doc.get("name") instanceof String n) {
      Set<String> uris = byName.get(key(n));
      if (uris != null) {
        uris.remove(doc.get("uri"));
        if (uris.isEmpty()) {
          byName.remove(key(n));
        }
      }
    }
  }

  int size() {
    return byUri.size();
  }

  void clear() {
    byUri.clear();
    byName.clear();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
